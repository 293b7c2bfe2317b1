{{ config(schema='quality', materialized='view') }}

-- C2 the catalogue's 是否空表 tells the truth: a table marked 是 has no non-zero amount and
-- a 公开空表理由; a table marked 否 has at least one non-zero amount. Counts: key
-- <table>:amounts compares the number of non-zero amounts (marked 是: expected 0) or whether
-- there is one (marked 否: expected 1); <table>:empty_reason expects 1 reason given.

with

department_years as (

    select * from {{ ref('int_rule_department_years') }}

),

catalogue as (

    select * from {{ source('raw', 'catalogue') }}

),

tables as (

    select * from {{ ref('int_rule_tables') }}

),

nonzero as (

    select
        file_sha256,
        table_id,
        count(*) filter (where amount_yuan <> 0) as nonzero_count,
        string_agg(cell_ref, ',' order by row_number) filter (where amount_yuan <> 0)
            as nonzero_cells
    from {{ rule_cells() }}
    group by file_sha256, table_id

),

lines as (

    select
        department_years.file_sha256,
        department_years.fiscal_year,
        department_years.department_code,
        cast(catalogue.table_id as varchar) as table_id,
        coalesce(cast(catalogue.is_empty as boolean), false) as is_empty,
        nullif(trim(cast(catalogue.empty_reason as varchar)), '') as empty_reason,
        cast(catalogue.cell_ref as varchar) as catalogue_cell,
        coalesce(nonzero.nonzero_count, 0) as nonzero_count,
        nonzero.nonzero_cells,
        exists (
            select 1 from tables
            where tables.file_sha256 = department_years.file_sha256
                and tables.table_id = catalogue.table_id
        ) as table_present
    from department_years
    inner join catalogue
        on department_years.file_sha256 = catalogue.file_sha256
    left join nonzero
        on department_years.file_sha256 = nonzero.file_sha256
        and catalogue.table_id = nonzero.table_id

),

compared as (

    select
        file_sha256, fiscal_year, department_code,
        table_id || ':amounts' as comparison_key,
        case when is_empty then 0 else 1 end as expected_count,
        case when is_empty then nonzero_count else least(nonzero_count, 1) end
            as actual_count,
        not table_present and not is_empty as not_evaluable,
        catalogue_cell as expected_cells,
        case when is_empty then nonzero_cells end as actual_cells
    from lines

    union all

    select
        file_sha256, fiscal_year, department_code,
        table_id || ':empty_reason',
        1,
        case when empty_reason is null then 0 else 1 end,
        false,
        catalogue_cell,
        catalogue_cell
    from lines
    where is_empty

),

final as (

    select
        'C2' as rule_id, file_sha256, fiscal_year, department_code, comparison_key,
        'equal' as comparison_kind, 'count' as value_unit,
        cast(expected_count as decimal(18, 2)) as expected_yuan,
        cast(actual_count as decimal(18, 2)) as actual_yuan,
        0 as wan_yuan_terms, cast(0 as decimal(18, 2)) as extra_tolerance_yuan,
        not not_evaluable as evaluable,
        case when not_evaluable then 'table missing from the workbook (see C1)' end
            as not_evaluable_reason,
        expected_cells, actual_cells
    from compared

)

select * from final
