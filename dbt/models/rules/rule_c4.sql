{{ config(schema='quality', materialized='view') }}

-- C4 one department and one year per workbook, matching the registry:
--   tables_year      every table's title year = the workbook's fiscal year (expected 0
--                    tables disagreeing)
--   registry         the department code is in the registry (expected 1)
--   cover_name       the cover's 部门名称 is the registry name or an alias (expected 1)

with

department_years as (

    select * from {{ ref('int_rule_department_years') }}

),

tables as (

    select * from {{ ref('int_rule_tables') }}

),

registry as (

    select
        cast(department_code as varchar) as department_code,
        regexp_replace(coalesce(department_name, ''), '\s', '', 'g') as name_key,
        coalesce(aliases, '') as aliases
    from {{ source('raw', 'departments') }}

),

cover as (

    select
        file_sha256,
        regexp_replace(coalesce(department_name_raw, ''), '\s', '', 'g') as name_key,
        cell_ref
    from {{ source('raw', 'cover') }}

),

years as (

    select
        department_years.file_sha256,
        department_years.fiscal_year,
        department_years.department_code,
        'tables_year' as comparison_key,
        0 as expected_count,
        count(*) filter (where tables.table_fiscal_year <> department_years.fiscal_year)
            as actual_count,
        null as not_evaluable_reason,
        cast(department_years.fiscal_year as varchar) as expected_cells,
        string_agg(tables.title_cell_ref || '=' || tables.table_fiscal_year, ','
            order by tables.title_cell_ref)
            filter (where tables.table_fiscal_year <> department_years.fiscal_year)
            as actual_cells
    from department_years
    inner join tables
        on department_years.file_sha256 = tables.file_sha256
    group by
        department_years.file_sha256,
        department_years.fiscal_year,
        department_years.department_code

),

registered as (

    select
        department_years.file_sha256,
        department_years.fiscal_year,
        department_years.department_code,
        'registry' as comparison_key,
        1 as expected_count,
        count(registry.department_code) as actual_count,
        null as not_evaluable_reason,
        cast(null as varchar) as expected_cells,
        cast(null as varchar) as actual_cells
    from department_years
    left join registry
        on department_years.department_code = registry.department_code
    group by
        department_years.file_sha256,
        department_years.fiscal_year,
        department_years.department_code

),

cover_name as (

    select
        department_years.file_sha256,
        department_years.fiscal_year,
        department_years.department_code,
        'cover_name' as comparison_key,
        1 as expected_count,
        case
            when bool_or(cover.name_key = registry.name_key
                         -- '|' is not whitespace: stripping whitespace before the split
                         -- is stripping every alias
                         or {{ delimited_list_contains(
                             "regexp_replace(registry.aliases, '\\s', '', 'g')", '|',
                             'cover.name_key') }})
                then 1
            else 0
        end as actual_count,
        case
            when count(cover.file_sha256) = 0 then 'no cover sheet'
            when count(registry.department_code) = 0 then 'department not in the registry'
        end as not_evaluable_reason,
        max(registry.name_key) as expected_cells,
        string_agg(cover.cell_ref || '=' || cover.name_key, ',' order by cover.cell_ref) as actual_cells
    from department_years
    left join cover
        on department_years.file_sha256 = cover.file_sha256
    left join registry
        on department_years.department_code = registry.department_code
    group by
        department_years.file_sha256,
        department_years.fiscal_year,
        department_years.department_code

),

compared as (

    select * from years
    union all
    select * from registered
    union all
    select * from cover_name

),

final as (

    select
        'C4' as rule_id, file_sha256, fiscal_year, department_code, comparison_key,
        'equal' as comparison_kind, 'count' as value_unit,
        cast(expected_count as decimal(18, 2)) as expected_yuan,
        cast(actual_count as decimal(18, 2)) as actual_yuan,
        0 as wan_yuan_terms, cast(0 as decimal(18, 2)) as extra_tolerance_yuan,
        not_evaluable_reason is null as evaluable,
        cast(not_evaluable_reason as varchar) as not_evaluable_reason,
        expected_cells, actual_cells
    from compared

)

select * from final
