-- X1: 表5 合计 row = 表6 合计 row, column by column.
-- It reads several relations; Dagster shows it as a check of the first one.
{{ config(meta={'dagster': {'ref': {'name': 'int_t05_rows_pivoted'}}}) }}
with

t05_rows as (select * from {{ ref('int_t05_rows_pivoted') }} where row_kind = 'total'),
t06_rows as (select * from {{ ref('int_t06_rows_pivoted') }} where row_kind = 'total'),

compared as (

    select
        t05_rows.fiscal_year,
        t05_rows.department_code,
        t05_rows.source_row_key as t05_source_row_key,
        t06_rows.source_row_key as t06_source_row_key,
        t05_rows.total_yuan as t05_total_yuan,
        t06_rows.total_yuan as t06_total_yuan,
        t05_rows.personnel_yuan as t05_personnel_yuan,
        t06_rows.personnel_yuan as t06_personnel_yuan,
        t05_rows.public_yuan as t05_public_yuan,
        t06_rows.public_yuan as t06_public_yuan,
        t05_rows.project_yuan as t05_project_yuan,
        t06_rows.project_yuan as t06_project_yuan

    from t05_rows
    inner join t06_rows
        on t05_rows.file_sha256 = t06_rows.file_sha256

)

-- 50 yuan covers one rounded 万元 figure on either side; yuan tables agree to the cent.
select * from compared
where abs(coalesce(t05_total_yuan, 0) - coalesce(t06_total_yuan, 0)) > 50
    or abs(coalesce(t05_personnel_yuan, 0) - coalesce(t06_personnel_yuan, 0)) > 50
    or abs(coalesce(t05_public_yuan, 0) - coalesce(t06_public_yuan, 0)) > 50
    or abs(coalesce(t05_project_yuan, 0) - coalesce(t06_project_yuan, 0)) > 50
