{{ config(schema='quality', materialized='view') }}

-- B4 表4 and 表9 balance like B1: 收入总计 = 支出总计 in each view (本年收入合计 /
-- 本年支出合计 where a table prints no 总计 rows, as 表9 usually does).

with

present as (

    select * from {{ ref('int_rule_tables') }}
    where table_id in ('T04', 'T09')

),

totals as (

    select * from {{ ref('int_rule_summary_totals') }}
    where total_kind in ('grand_total', 'year_total')

),

best as (

    -- the 总计 row where printed, else the 本年 row
    select *
    from (
        select
            totals.*,
            row_number() over (
                partition by file_sha256, table_id, section
                order by case total_kind when 'grand_total' then 0 else 1 end
            ) as preference
        from totals
    ) as ranked
    where preference = 1

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

compared as (

    select
        'B4' as rule_id,
        present.file_sha256,
        present.fiscal_year,
        present.department_code,
        present.table_id || ':' || views.section as comparison_key,
        income.amount_yuan as expected_yuan,
        expenditure.amount_yuan as actual_yuan,
        coalesce(income.wan_yuan_terms, 0) + coalesce(expenditure.wan_yuan_terms, 0)
            as wan_yuan_terms,
        case
            when income.cell_count is null then 'no income total row'
            when expenditure.cell_count is null then 'no expenditure total row in this view'
            when income.cell_count <> 1 or expenditure.cell_count <> 1
                then 'total row found more than once'
            when income.is_withheld or expenditure.is_withheld then 'withheld value (**)'
        end as not_evaluable_reason,
        income.cells as expected_cells,
        expenditure.cells as actual_cells
    from present
    cross join views
    left join best as income
        on present.file_sha256 = income.file_sha256
        and present.table_id = income.table_id
        and income.section = 'income'
    left join best as expenditure
        on present.file_sha256 = expenditure.file_sha256
        and present.table_id = expenditure.table_id
        and views.section = expenditure.section

),

final as (

    select
        rule_id, file_sha256, fiscal_year, department_code, comparison_key,
        'equal' as comparison_kind, 'yuan' as value_unit, expected_yuan, actual_yuan,
        wan_yuan_terms, cast(0 as decimal(18, 2)) as extra_tolerance_yuan,
        not_evaluable_reason is null as evaluable, not_evaluable_reason, expected_cells,
        actual_cells
    from compared

)

select * from final
