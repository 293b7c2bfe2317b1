-- 表5 leaf (项, 7-digit) rows: one row per fiscal year, department and function code.
-- A code printed twice in one table is summed (rule S2 reports it); two loaded files for
-- one department-year would break the primary key test on purpose.
with

t05_rows as (

    select * from {{ ref('int_t05_rows_pivoted') }}

),

leaf_rows as (

    select * from t05_rows
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
        sum(coalesce(personnel_yuan, 0)) as personnel_yuan,
        sum(coalesce(public_yuan, 0)) as public_yuan,
        sum(coalesce(project_yuan, 0)) as project_yuan,
        sum(coalesce(total_yuan, 0)) as total_yuan

    from leaf_rows
    group by fiscal_year, department_code, code, file_sha256, table_id, section

),

final as (

    select
        cast(fiscal_year as integer) as fiscal_year,
        cast(department_code as varchar) as department_code,
        cast(function_code as varchar) as function_code,
        cast(personnel_yuan as decimal(18, 2)) as personnel_yuan,
        cast(public_yuan as decimal(18, 2)) as public_yuan,
        cast(project_yuan as decimal(18, 2)) as project_yuan,
        cast(total_yuan as decimal(18, 2)) as total_yuan,
        cast(file_sha256 as varchar) as file_sha256,
        cast({{ source_row_key() }} as varchar) as source_row_key

    from per_code

)

select * from final
