with

source as (

    select * from {{ source('raw', 'disclosure_files') }}

),

renamed as (

    select
        cast(file_sha256 as varchar) as file_sha256,
        cast(file_path as varchar) as file_path,
        cast(file_size as bigint) as file_size_bytes,
        cast(department_code as varchar) as department_code,
        cast(department_name as varchar) as department_name,
        cast(fiscal_year as integer) as fiscal_year,
        cast(template_id as varchar) as template_id,
        cast(status as varchar) as status,
        cast(message as varchar) as message,
        cast(quarantine_reason as varchar) as quarantine_reason,
        cast(seen_at as timestamp) as seen_at

    from source

)

select * from renamed
