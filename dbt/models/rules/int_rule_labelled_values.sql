{{ config(schema='intermediate', materialized='view') }}

-- Single figures the cross-table rules compare, one row per disclosure and value name:
--   T01_fiscal_appropriation  表1 income 财政拨款
--   T01_general_budget        表1 income 一般公共预算拨款
--   T01_year_income           表1 本年收入合计
--   T01_year_expenditure      表1 function view 本年支出合计
--   T04_fiscal_appropriation  表4 income 一、财政拨款
--   T04_general_budget        表4 income 一般公共预算拨款
--   T05_total / T05_project   表5 合计 row, 合计 and 专项业务经费 columns
--   T09_project               表9 department-economic view 专项业务经费支出
--   T10_total                 表10 合计
--   T15_total                 表15 金额合计 总额

with

cells as (

    select * from {{ rule_cells() }}

),

named as (

    select
        *,
        case
            when table_id in ('T01', 'T04') and section = 'income'
                and label_key = '财政拨款' then table_id || '_fiscal_appropriation'
            when table_id in ('T01', 'T04') and section = 'income'
                and label_key = '一般公共预算拨款' then table_id || '_general_budget'
            when table_id = 'T01' and section = 'income'
                and label_key = '本年收入合计' then 'T01_year_income'
            when table_id = 'T01' and section = 'expenditure_function'
                and label_key = '本年支出合计' then 'T01_year_expenditure'
            when table_id = 'T05' and section = 'main' and code is null
                and (row_kind = 'total' or label_key = '合计')
                and measure in ('total', 'project') then 'T05_' || measure
            when table_id = 'T09' and section = 'expenditure_dept_econ'
                and label_key = '专项业务经费支出' then 'T09_project'
            when table_id = 'T10' and code is null
                and (row_kind = 'total' or label_key in ('合计', '总计')) then 'T10_total'
            when table_id = 'T15' and section = 'tasks' and measure = 'total'
                and (row_kind = 'total' or label_key in ('金额合计', '合计')) then 'T15_total'
        end as value_name
    from cells

),

final as (

    select
        file_sha256,
        fiscal_year,
        department_code,
        value_name,
        {{ summed_cells() }}
    from named
    where value_name is not null
    group by file_sha256, fiscal_year, department_code, value_name

)

select * from final
