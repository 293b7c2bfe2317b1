{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail', pre_hook="{{ delete_load_scope() }}") }}

-- 表10 project lines: one row per fiscal year, department, unit and project.
-- The sheet nests 合计 → department → unit (coded rows) → project category → project
-- (rows without code). A code-less row is a category when its label ends in 项目 and the
-- next row is another code-less line (专用项目 in the seed); every other code-less line is a
-- project, attributed to the nearest coded row above it (its unit).
with

t10_rows as (

    select * from {{ ref('int_t10_rows_pivoted') }}

),

lines as (

    select * from t10_rows
    where row_kind = 'line'

),

lines_in_context as (

    select
        lines.*,
        lead(code) over (partition by file_sha256 order by row_number) as next_code,
        lead(row_number) over (partition by file_sha256 order by row_number) as next_row_number,
        max(case when code is not null then row_number end) over (
            partition by file_sha256 order by row_number
            rows between unbounded preceding and current row
        ) as unit_row_number

    from lines

),

projects as (

    select * from lines_in_context
    where code is null
        and label is not null
        and not (label like '%项目' and next_row_number is not null and next_code is null)

),

units as (

    select file_sha256, row_number, code as unit_code
    from lines
    where code is not null

),

per_project as (

    select
        projects.fiscal_year,
        projects.department_code,
        coalesce(units.unit_code, projects.department_code) as unit_code,
        projects.label as project_name,
        projects.file_sha256,
        projects.table_id,
        projects.section,
        min(projects.row_number) as row_number,
        max(projects.description) as description,
        sum(coalesce(projects.amount_yuan, 0)) as amount_yuan

    from projects
    left join units
        on projects.file_sha256 = units.file_sha256
        and projects.unit_row_number = units.row_number
    group by
        projects.fiscal_year, projects.department_code,
        coalesce(units.unit_code, projects.department_code), projects.label,
        projects.file_sha256, projects.table_id, projects.section

),

final as (

    select
        cast(fiscal_year as integer) as fiscal_year,
        cast(department_code as varchar) as department_code,
        cast(unit_code as varchar) as unit_code,
        cast(project_name as varchar) as project_name,
        cast(amount_yuan as decimal(18, 2)) as amount_yuan,
        cast(description as varchar) as description,
        cast(file_sha256 as varchar) as file_sha256,
        cast({{ source_row_key() }} as varchar) as source_row_key

    from per_project

)

select * from final
{{ where_in_load_scope() }}
