with

source as (

    select * from {{ source('raw', 'row_attributes') }}

),

renamed as (

    select
        cast(file_sha256 as varchar) as file_sha256,
        cast(table_id as varchar) as table_id,
        cast(section as varchar) as section,
        cast(row_number as integer) as row_number,
        cast(attribute as varchar) as attribute,
        cast(value_text as varchar) as value_text,
        cast(cell_ref as varchar) as cell_ref

    from source

)

select * from renamed
