with

source as (

    select * from {{ source('raw', 'table_rows') }}

),

renamed as (

    select
        cast(file_sha256 as varchar) as file_sha256,
        cast(table_id as varchar) as table_id,
        cast(section as varchar) as section,
        cast(row_number as integer) as row_number,
        cast(sheet as varchar) as sheet_name,
        cast(row_kind as varchar) as row_kind,
        cast(code as varchar) as code,
        cast(code_level as integer) as code_level,
        cast(label as varchar) as label,
        cast(label_raw as varchar) as label_raw,
        cast(cell_ref as varchar) as cell_ref

    from source

)

select * from renamed
