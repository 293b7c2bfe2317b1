with

source as (

    select * from {{ source('raw', 'amounts') }}

),

renamed as (

    select
        cast(file_sha256 as varchar) as file_sha256,
        cast(table_id as varchar) as table_id,
        cast(section as varchar) as section,
        cast(row_number as integer) as row_number,
        cast(measure as varchar) as measure,
        -- yuan for money measures, a count for quantity (see value_unit)
        cast(value as decimal(18, 2)) as measure_value,
        cast(value_unit as varchar) as value_unit,
        cast(is_withheld as boolean) as is_withheld,
        cast(is_blank as boolean) as is_blank,
        cast(raw_text as varchar) as raw_text,
        cast(unit_multiplier as integer) as unit_multiplier,
        cast(cell_ref as varchar) as cell_ref

    from source

)

select * from renamed
