with

source as (

    select * from {{ source('raw', 'catalogue') }}

),

renamed as (

    select
        cast(file_sha256 as varchar) as file_sha256,
        cast(table_id as varchar) as table_id,
        cast(listed_title as varchar) as listed_title,
        cast(is_empty as boolean) as is_empty,
        cast(empty_reason as varchar) as empty_reason,
        cast(cell_ref as varchar) as cell_ref

    from source

)

select * from renamed
