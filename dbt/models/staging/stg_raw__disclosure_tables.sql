with

source as (

    select * from {{ source('raw', 'disclosure_tables') }}

),

renamed as (

    select
        cast(file_sha256 as varchar) as file_sha256,
        cast(table_id as varchar) as table_id,
        cast(title as varchar) as title,
        cast(title_raw as varchar) as title_raw,
        cast(fiscal_year as integer) as fiscal_year,
        cast(unit_text as varchar) as unit_text,
        cast(unit_multiplier as integer) as unit_multiplier,
        cast(sheet as varchar) as sheet_name,
        cast(title_cell_ref as varchar) as title_cell_ref,
        cast(has_amounts as boolean) as has_amounts

    from source

)

select * from renamed
