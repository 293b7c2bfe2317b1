{{ config(schema='quality', materialized='view') }}

-- X8 表12 procurement per department economic code ≤ 表6 合计 of that code, and per
-- function code ≤ 表5 合计 of that code (comparison at_most: actual = procurement).

with

present as (

    select file_sha256 from {{ ref('int_rule_tables') }} where table_id = 'T12'
    intersect
    select file_sha256 from {{ ref('int_rule_tables') }} where table_id = 'T05'
    intersect
    select file_sha256 from {{ ref('int_rule_tables') }} where table_id = 'T06'

),

lines as (

    select * from {{ ref('int_rule_list_rows') }}
    where table_id = 'T12' and list_role = 'line' and measure = 'amount'
        and file_sha256 in (select file_sha256 from present)

),

procurement as (

    select
        file_sha256, fiscal_year, department_code, 'T06' as budget_table,
        dept_econ_code as budget_code,
        bool_or(is_withheld) as is_withheld, sum(amount_yuan) as amount_yuan,
        sum(wan_yuan_terms) as wan_yuan_terms,
        string_agg(cell_ref, ',' order by row_number) as cells
    from lines
    where dept_econ_code is not null
    group by file_sha256, fiscal_year, department_code, dept_econ_code

    union all

    select
        file_sha256, fiscal_year, department_code, 'T05' as budget_table,
        code as budget_code,
        bool_or(is_withheld), sum(amount_yuan), sum(wan_yuan_terms),
        string_agg(cell_ref, ',' order by row_number)
    from lines
    where code is not null
    group by file_sha256, fiscal_year, department_code, code

),

budget as (

    select * from {{ ref('int_rule_coded_amounts') }}
    where table_id in ('T05', 'T06') and measure = 'total'

),

final as (

    select
        'X8' as rule_id,
        procurement.file_sha256,
        procurement.fiscal_year,
        procurement.department_code,
        procurement.budget_table || ':' || procurement.budget_code as comparison_key,
        'at_most' as comparison_kind,
        'yuan' as value_unit,
        coalesce(budget.amount_yuan, 0) as expected_yuan,
        procurement.amount_yuan as actual_yuan,
        coalesce(budget.wan_yuan_terms, 0) + procurement.wan_yuan_terms as wan_yuan_terms,
        cast(0 as decimal(18, 2)) as extra_tolerance_yuan,
        not (procurement.is_withheld or coalesce(budget.is_withheld, false)) as evaluable,
        case
            when procurement.is_withheld or budget.is_withheld then 'withheld value (**)'
        end as not_evaluable_reason,
        budget.cells as expected_cells,
        procurement.cells as actual_cells
    from procurement
    left join budget
        on procurement.file_sha256 = budget.file_sha256
        and procurement.budget_table = budget.table_id
        and procurement.budget_code = budget.row_key

)

select * from final
