{{ config(schema='intermediate', materialized='view') }}

-- One row per loaded disclosure (department-year). Quarantined files have no table rows,
-- so rules are evaluated only for loaded ones; Y2 reports the department-years without one.

with

files as (

    select * from {{ source('raw', 'disclosure_files') }}

),

final as (

    select
        cast(file_sha256 as varchar) as file_sha256,
        cast(fiscal_year as integer) as fiscal_year,
        cast(department_code as varchar) as department_code
    from files
    where status = 'loaded' and {{ in_rule_scope() }}

)

select * from final
