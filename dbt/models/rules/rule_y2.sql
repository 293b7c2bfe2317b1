{{ config(schema='quality', materialized='view') }}

-- Y2 every registered department has a loaded disclosure for every fiscal year the
-- warehouse holds (a year counts once any file of it loaded). Expected 1, actual the number
-- of loaded disclosures (a quarantined file counts 0). No file, so file_sha256 is empty.

with

registry as (

    select distinct cast(department_code as varchar) as department_code
    from {{ source('raw', 'departments') }}

),

files as (

    select * from {{ source('raw', 'disclosure_files') }}

),

loaded_years as (

    select distinct cast(fiscal_year as integer) as fiscal_year
    from files
    where status = 'loaded'

),

final as (

    select
        'Y2' as rule_id,
        cast(null as varchar) as file_sha256,
        loaded_years.fiscal_year,
        registry.department_code,
        'disclosure' as comparison_key,
        'equal' as comparison_kind,
        'count' as value_unit,
        cast(1 as decimal(18, 2)) as expected_yuan,
        cast(count(files.file_sha256) filter (where files.status = 'loaded') as decimal(18, 2))
            as actual_yuan,
        0 as wan_yuan_terms,
        cast(0 as decimal(18, 2)) as extra_tolerance_yuan,
        true as evaluable,
        cast(null as varchar) as not_evaluable_reason,
        cast(null as varchar) as expected_cells,
        string_agg(files.file_path || '=' || files.status, ',' order by files.file_path) as actual_cells
    from registry
    cross join loaded_years
    left join files
        on registry.department_code = files.department_code
        and loaded_years.fiscal_year = files.fiscal_year
    group by loaded_years.fiscal_year, registry.department_code

)

select * from final
