-- S4: 表10 合计 = Σ projects (fct_project), 表12 合计 = Σ procurement lines (amount and
-- quantity). Also guards the fact models' line selection.
with

t10_rows as (select * from {{ ref('int_t10_rows_pivoted') }} where row_kind = 'total'),
t12_rows as (select * from {{ ref('int_t12_rows_pivoted') }} where row_kind = 'total'),
projects as (select * from {{ ref('fct_project') }}),
procurement as (select * from {{ ref('fct_procurement') }}),

project_sums as (

    select file_sha256, sum(amount_yuan) as lines_yuan, count(*) as line_count
    from projects
    group by file_sha256

),

procurement_sums as (

    select
        file_sha256,
        sum(amount_yuan) as lines_yuan,
        sum(quantity) as lines_quantity,
        count(*) as line_count
    from procurement
    group by file_sha256

),

t10_check as (

    select
        t10_rows.fiscal_year, t10_rows.department_code, t10_rows.source_row_key,
        'T10 amount' as checked,
        t10_rows.amount_yuan as printed_total,
        coalesce(project_sums.lines_yuan, 0) as lines_total
    from t10_rows
    left join project_sums on t10_rows.file_sha256 = project_sums.file_sha256

),

t12_amount_check as (

    select
        t12_rows.fiscal_year, t12_rows.department_code, t12_rows.source_row_key,
        'T12 amount' as checked,
        t12_rows.amount_yuan as printed_total,
        coalesce(procurement_sums.lines_yuan, 0) as lines_total
    from t12_rows
    left join procurement_sums on t12_rows.file_sha256 = procurement_sums.file_sha256

),

t12_quantity_check as (

    select
        t12_rows.fiscal_year, t12_rows.department_code, t12_rows.source_row_key,
        'T12 quantity' as checked,
        t12_rows.quantity as printed_total,
        coalesce(procurement_sums.lines_quantity, 0) as lines_total
    from t12_rows
    left join procurement_sums on t12_rows.file_sha256 = procurement_sums.file_sha256

),

checks as (

    select * from t10_check
    union all
    select * from t12_amount_check
    union all
    select * from t12_quantity_check

)

select * from checks
where abs(coalesce(printed_total, 0) - lines_total) > 0.01
