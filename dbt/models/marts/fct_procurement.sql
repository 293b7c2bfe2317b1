{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail', pre_hook="{{ delete_load_scope() }}") }}

-- 表12 procurement lines (rows with a 采购目录; 合计 and unit rows have none): one row per
-- fiscal year, department and line, numbered in sheet order.
with

t12_rows as (

    select * from {{ ref('int_t12_rows_pivoted') }}

),

rows_with_unit as (

    select
        t12_rows.*,
        max(case when unit_code is not null and unit_code <> '' then row_number end) over (
            partition by file_sha256 order by row_number
            rows between unbounded preceding and current row
        ) as unit_row_number

    from t12_rows

),

unit_rows as (

    select file_sha256, row_number, unit_code as inherited_unit_code
    from t12_rows
    where unit_code is not null and unit_code <> ''

),

procurement_lines as (

    select
        rows_with_unit.*,
        unit_rows.inherited_unit_code,
        row_number() over (
            partition by rows_with_unit.file_sha256 order by rows_with_unit.row_number
        ) as line_number

    from rows_with_unit
    left join unit_rows
        on rows_with_unit.file_sha256 = unit_rows.file_sha256
        and rows_with_unit.unit_row_number = unit_rows.row_number
    where rows_with_unit.row_kind = 'line'
        and rows_with_unit.catalogue is not null
        and rows_with_unit.catalogue <> ''

),

final as (

    select
        cast(fiscal_year as integer) as fiscal_year,
        cast(department_code as varchar) as department_code,
        cast(line_number as integer) as line_number,
        cast(code as varchar) as function_code,
        cast(inherited_unit_code as varchar) as unit_code,
        cast(label as varchar) as project_name,
        cast(catalogue as varchar) as catalogue,
        cast(dept_econ_code as varchar) as dept_econ_code,
        cast(gov_econ_code as varchar) as gov_econ_code,
        -- 数量 is in the line's unit (批, 台, 吨, 平方米 …): fractional quantities are legitimate
        cast(quantity as decimal(18, 2)) as quantity,
        cast(month as varchar) as month,
        cast(amount_yuan as decimal(18, 2)) as amount_yuan,
        cast(file_sha256 as varchar) as file_sha256,
        cast(source_row_key as varchar) as source_row_key

    from procurement_lines

)

select * from final
{{ where_in_load_scope() }}
