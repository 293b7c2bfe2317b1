{{ config(schema='quality', materialized='view') }}

-- B3 表1/表4 expenditure: in each view 本年支出合计 = Σ numbered lines and the numbered
-- outline adds up (一、 = Σ 1、…, 1、 = Σ its （n）); the department-economic and
-- government-economic views' 本年支出合计 = the function view's.

with

present as (

    select * from {{ ref('int_rule_tables') }}
    where table_id in ('T01', 'T04')

),

outline as (

    select * from {{ ref('int_rule_outline_sums') }}
    where rule_id = 'B3'

),

totals as (

    select * from {{ ref('int_rule_summary_totals') }}
    where section like 'expenditure_%'

),

views as (

    select *
    from (
        values
            ('expenditure_function'),
            ('expenditure_dept_econ'),
            ('expenditure_gov_econ')
    ) as expenditure_view (section)

),

lines_vs_total as (

    select
        'B3' as rule_id,
        present.file_sha256,
        present.fiscal_year,
        present.department_code,
        present.table_id || ':' || views.section || ':本年支出合计 = Σ lines' as comparison_key,
        lines.amount_yuan as expected_yuan,
        year_total.amount_yuan as actual_yuan,
        coalesce(lines.wan_yuan_terms, 0) + coalesce(year_total.wan_yuan_terms, 0)
            as wan_yuan_terms,
        case
            when year_total.cell_count is null then '本年支出合计 not found'
            when year_total.cell_count <> 1 then '本年支出合计 found more than once'
            when lines.cell_count is null then 'no numbered lines (1、…) found'
            when lines.is_withheld or year_total.is_withheld then 'withheld value (**)'
        end as not_evaluable_reason,
        lines.cells as expected_cells,
        year_total.cells as actual_cells
    from present
    cross join views
    left join totals as lines
        on present.file_sha256 = lines.file_sha256
        and present.table_id = lines.table_id
        and views.section = lines.section
        and lines.total_kind = 'numbered_lines'
    left join totals as year_total
        on present.file_sha256 = year_total.file_sha256
        and present.table_id = year_total.table_id
        and views.section = year_total.section
        and year_total.total_kind = 'year_total'

),

views_agree as (

    select
        'B3' as rule_id,
        present.file_sha256,
        present.fiscal_year,
        present.department_code,
        present.table_id || ':' || views.section || ':本年支出合计 = function view'
            as comparison_key,
        function_total.amount_yuan as expected_yuan,
        view_total.amount_yuan as actual_yuan,
        coalesce(function_total.wan_yuan_terms, 0) + coalesce(view_total.wan_yuan_terms, 0)
            as wan_yuan_terms,
        case
            when function_total.cell_count is distinct from 1
                or view_total.cell_count is distinct from 1
                then '本年支出合计 not found exactly once in both views'
            when function_total.is_withheld or view_total.is_withheld
                then 'withheld value (**)'
        end as not_evaluable_reason,
        function_total.cells as expected_cells,
        view_total.cells as actual_cells
    from present
    cross join views
    left join totals as function_total
        on present.file_sha256 = function_total.file_sha256
        and present.table_id = function_total.table_id
        and function_total.section = 'expenditure_function'
        and function_total.total_kind = 'year_total'
    left join totals as view_total
        on present.file_sha256 = view_total.file_sha256
        and present.table_id = view_total.table_id
        and views.section = view_total.section
        and view_total.total_kind = 'year_total'
    where views.section <> 'expenditure_function'

),

compared as (

    select * from lines_vs_total
    union all
    select * from views_agree

),

final as (

    select
        rule_id, file_sha256, fiscal_year, department_code, comparison_key,
        'equal' as comparison_kind, 'yuan' as value_unit, expected_yuan, actual_yuan,
        wan_yuan_terms, cast(0 as decimal(18, 2)) as extra_tolerance_yuan,
        not_evaluable_reason is null as evaluable, not_evaluable_reason, expected_cells,
        actual_cells
    from compared
    union all
    select
        rule_id, file_sha256, fiscal_year, department_code, comparison_key, comparison_kind,
        value_unit, expected_yuan, actual_yuan, wan_yuan_terms, extra_tolerance_yuan,
        evaluable, not_evaluable_reason, expected_cells, actual_cells
    from outline

)

select * from final
