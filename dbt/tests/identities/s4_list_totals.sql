-- S4: 表10 合计 = Σ projects (fct_project), 表12 合计 = Σ procurement lines (amount and
-- quantity). Also guards the fact models' line selection.
-- It reads several relations; Dagster shows it as a check of the first one.
{{ config(meta={'dagster': {'ref': {'name': 'int_t10_rows_pivoted'}}}) }}
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

-- each printed 合计 figure against the sum of the fact rows it totals
checks as (

    {% for printed_rows, line_sums, checked, printed_column, sum_column in [
        ('t10_rows', 'project_sums', 'T10 amount', 'amount_yuan', 'lines_yuan'),
        ('t12_rows', 'procurement_sums', 'T12 amount', 'amount_yuan', 'lines_yuan'),
        ('t12_rows', 'procurement_sums', 'T12 quantity', 'quantity', 'lines_quantity'),
    ] %}
    select
        {{ printed_rows }}.fiscal_year,
        {{ printed_rows }}.department_code,
        {{ printed_rows }}.source_row_key,
        '{{ checked }}' as checked,
        {{ printed_rows }}.{{ printed_column }} as printed_total,
        coalesce({{ line_sums }}.{{ sum_column }}, 0) as lines_total
    from {{ printed_rows }}
    left join {{ line_sums }} on {{ printed_rows }}.file_sha256 = {{ line_sums }}.file_sha256
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from checks
where abs(coalesce(printed_total, 0) - lines_total) > 0.01
