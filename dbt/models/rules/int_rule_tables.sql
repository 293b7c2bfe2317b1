{{ config(schema='intermediate', materialized='view') }}

-- Which tables a loaded disclosure contains, with their unit and sheet.

with

tables as (

    select * from {{ source('raw', 'disclosure_tables') }}

),

department_years as (

    select * from {{ ref('int_rule_department_years') }}

),

final as (

    select
        department_years.file_sha256,
        department_years.fiscal_year,
        department_years.department_code,
        cast(tables.table_id as varchar) as table_id,
        cast(tables.fiscal_year as integer) as table_fiscal_year,
        cast(tables.unit_multiplier as integer) as unit_multiplier,
        cast(tables.sheet as varchar) as sheet_name,
        cast(tables.title_cell_ref as varchar) as title_cell_ref,
        cast(tables.has_amounts as boolean) as has_amounts
    from tables
    inner join department_years
        on tables.file_sha256 = department_years.file_sha256

)

select * from final
