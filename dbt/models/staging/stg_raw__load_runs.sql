with

source as (

    select * from {{ source('raw', 'load_runs') }}

),

renamed as (

    select
        cast(run_id as varchar) as run_id,
        cast(started_at as timestamp) as started_at,
        cast(raw_dir as varchar) as raw_dir

    from source

)

select * from renamed
