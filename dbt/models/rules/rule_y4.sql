{{ config(schema='quality', materialized='view') }}

-- Y4 a code printed last year that vanished this year: 表5 项 (7-digit) and 表6 款
-- (5-digit) codes of the prior year's loaded disclosure, expected 1 (printed last year),
-- actual 1 if printed again this year, else 0 (a warning).

with

department_years as (

    select * from {{ ref('int_rule_department_years') }}

),

codes as (

    select distinct file_sha256, table_id, row_key, cells
    from {{ ref('int_rule_coded_amounts') }}
    where measure = 'total'
        and ((table_id = 'T05' and length(row_key) = 7)
             or (table_id = 'T06' and length(row_key) = 5))

),

prior_codes as (

    select
        department_years.department_code,
        department_years.fiscal_year + 1 as next_year,
        codes.table_id,
        codes.row_key,
        codes.cells
    from department_years
    inner join codes
        on department_years.file_sha256 = codes.file_sha256

),

final as (

    select
        'Y4' as rule_id,
        current_year.file_sha256,
        current_year.fiscal_year,
        current_year.department_code,
        prior_codes.table_id || ':' || prior_codes.row_key as comparison_key,
        'equal' as comparison_kind,
        'count' as value_unit,
        cast(1 as decimal(18, 2)) as expected_yuan,
        cast(count(codes.row_key) as decimal(18, 2)) as actual_yuan,
        0 as wan_yuan_terms,
        cast(0 as decimal(18, 2)) as extra_tolerance_yuan,
        true as evaluable,
        cast(null as varchar) as not_evaluable_reason,
        max(prior_codes.cells) as expected_cells,
        max(codes.cells) as actual_cells
    from prior_codes
    inner join department_years as current_year
        on prior_codes.department_code = current_year.department_code
        and prior_codes.next_year = current_year.fiscal_year
    left join codes
        on current_year.file_sha256 = codes.file_sha256
        and prior_codes.table_id = codes.table_id
        and prior_codes.row_key = codes.row_key
    group by
        current_year.file_sha256,
        current_year.fiscal_year,
        current_year.department_code,
        prior_codes.table_id,
        prior_codes.row_key

)

select * from final
