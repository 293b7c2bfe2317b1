-- 表3 leaf (项, 7-digit) rows: all expenditure by function code, basic (人员 + 公用) vs project.
with

t03_rows as (

    select * from {{ ref('int_t03_rows_pivoted') }}

),

leaf_rows as (

    select * from t03_rows
    where row_kind = 'line'
        and code is not null
        and length(code) = 7

),

per_code as (

    select
        fiscal_year,
        department_code,
        code as function_code,
        file_sha256,
        table_id,
        section,
        min(row_number) as row_number,
        sum(coalesce(total_yuan, 0)) as total_yuan,
        sum(coalesce(basic_subtotal_yuan, 0)) as basic_yuan,
        sum(coalesce(personnel_yuan, 0)) as personnel_yuan,
        sum(coalesce(public_yuan, 0)) as public_yuan,
        sum(coalesce(project_yuan, 0)) as project_yuan

    from leaf_rows
    group by fiscal_year, department_code, code, file_sha256, table_id, section

),

final as (

    select
        cast(fiscal_year as integer) as fiscal_year,
        cast(department_code as varchar) as department_code,
        cast(function_code as varchar) as function_code,
        cast(total_yuan as decimal(18, 2)) as total_yuan,
        cast(basic_yuan as decimal(18, 2)) as basic_yuan,
        cast(personnel_yuan as decimal(18, 2)) as personnel_yuan,
        cast(public_yuan as decimal(18, 2)) as public_yuan,
        cast(project_yuan as decimal(18, 2)) as project_yuan,
        cast(file_sha256 as varchar) as file_sha256,
        cast({{ source_row_key() }} as varchar) as source_row_key

    from per_code

)

select * from final
