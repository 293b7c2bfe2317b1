{{ config(schema='intermediate', materialized='view') }}

-- The labelled totals of the summary tables 表1/表4/表9, one row per table, section and
-- total kind, with the lines' sum beside them:
--   year_total      本年收入合计 / 本年支出合计
--   grand_total     收入总计 / 支出总计
--   head            the 一、 row (一、部门预算, 一、财政拨款)
--   numbered_lines  Σ of the 1、 numbered lines
--   income_financing  Σ 用事业基金弥补收支差额 + 上年实户资金余额 + 上年结转 (income side)
--   project_spending  the 专项业务经费支出 line of the department-economic view

with

cells as (

    select * from {{ rule_cells() }}
    where table_id in ('T01', 'T04', 'T09') and measure = 'amount'

),

classified as (

    select
        *,
        case
            when label_key in ('本年收入合计', '本年支出合计') then 'year_total'
            when label_key in ('收入总计', '支出总计') then 'grand_total'
            when numbering_level = 1
                and label_key in ('部门预算', '财政拨款') then 'head'
            when section = 'income'
                and (label_key like '%事业基金%' or label_key like '上年实户%'
                     or label_key = '上年结转') then 'income_financing'
            when section = 'expenditure_dept_econ' and label_key = '专项业务经费支出'
                then 'project_spending'
        end as total_kind
    from cells

),

labelled as (

    select
        file_sha256,
        fiscal_year,
        department_code,
        table_id,
        section,
        total_kind,
        {{ summed_cells() }}
    from classified
    where total_kind is not null
    group by file_sha256, fiscal_year, department_code, table_id, section, total_kind

),

numbered as (

    select
        file_sha256,
        fiscal_year,
        department_code,
        table_id,
        section,
        'numbered_lines' as total_kind,
        {{ summed_cells() }}
    from cells
    where numbering_level = 2
    group by file_sha256, fiscal_year, department_code, table_id, section

)

select * from labelled
union all
select * from numbered
