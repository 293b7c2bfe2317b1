{{ config(schema='quality', materialized='view') }}

-- B1 表1: 收入总计 = 支出总计, in each of the three expenditure views.

with

present as (

    select * from {{ ref('int_rule_tables') }}
    where table_id = 'T01'

),

cells as (

    select * from {{ rule_cells() }}
    where table_id = 'T01'

),

income_total as (

    select
        file_sha256,
        {{ summed_cells() }}
    from cells
    where section = 'income' and label_key = '收入总计'
    group by file_sha256

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

expenditure_total as (

    select
        file_sha256,
        section,
        {{ summed_cells() }}
    from cells
    where section like 'expenditure_%' and label_key = '支出总计'
    group by file_sha256, section

),

compared as (

    select
        'B1' as rule_id,
        present.file_sha256,
        present.fiscal_year,
        present.department_code,
        'T01:' || views.section as comparison_key,
        'equal' as comparison_kind,
        'yuan' as value_unit,
        income_total.amount_yuan as expected_yuan,
        expenditure_total.amount_yuan as actual_yuan,
        coalesce(income_total.wan_yuan_terms, 0) + coalesce(expenditure_total.wan_yuan_terms, 0)
            as wan_yuan_terms,
        cast(0 as decimal(18, 2)) as extra_tolerance_yuan,
        case
            when income_total.cell_count is null then '表1 has no 收入总计 row'
            when income_total.cell_count <> 1 then '表1 收入总计 found '
                || income_total.cell_count || ' times'
            when expenditure_total.cell_count is null then '表1 ' || views.section
                || ' has no 支出总计 row'
            when expenditure_total.cell_count <> 1 then '表1 ' || views.section
                || ' 支出总计 found ' || expenditure_total.cell_count || ' times'
            when income_total.is_withheld or expenditure_total.is_withheld
                then 'withheld value (**)'
        end as not_evaluable_reason,
        income_total.cells as expected_cells,
        expenditure_total.cells as actual_cells
    from present
    cross join views
    left join income_total
        on present.file_sha256 = income_total.file_sha256
    left join expenditure_total
        on present.file_sha256 = expenditure_total.file_sha256
        and views.section = expenditure_total.section

),

final as (

    select
        {{ rule_comparison_columns() }}
    from compared

)

select * from final
