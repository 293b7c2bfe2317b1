-- S1 表5–表8: on every row 合计 = 人员经费 + 公用经费 (+ 专项业务经费 where the column exists).
-- It reads several relations; Dagster shows it as a check of the first one.
{{ config(meta={'dagster': {'ref': {'name': 'int_t05_rows_pivoted'}}}) }}
with

t05_rows as (select * from {{ ref('int_t05_rows_pivoted') }}),
t06_rows as (select * from {{ ref('int_t06_rows_pivoted') }}),
t07_rows as (select * from {{ ref('int_t07_rows_pivoted') }}),
t08_rows as (select * from {{ ref('int_t08_rows_pivoted') }}),
disclosure_tables as (select * from {{ ref('stg_raw__disclosure_tables') }}),

all_rows as (

    select fiscal_year, department_code, file_sha256, table_id, source_row_key, code,
        total_yuan, personnel_yuan, public_yuan, project_yuan
    from t05_rows
    union all
    select fiscal_year, department_code, file_sha256, table_id, source_row_key, code,
        total_yuan, personnel_yuan, public_yuan, project_yuan
    from t06_rows
    union all
    select fiscal_year, department_code, file_sha256, table_id, source_row_key, code,
        total_yuan, personnel_yuan, public_yuan, 0 as project_yuan
    from t07_rows
    union all
    select fiscal_year, department_code, file_sha256, table_id, source_row_key, code,
        total_yuan, personnel_yuan, public_yuan, 0 as project_yuan
    from t08_rows

),

compared as (

    select
        all_rows.*,
        coalesce(personnel_yuan, 0) + coalesce(public_yuan, 0) + coalesce(project_yuan, 0)
            as components_yuan,
        {{ amount_tolerance('disclosure_tables.unit_multiplier', 4) }} as tolerance_yuan

    from all_rows
    left join disclosure_tables
        on all_rows.file_sha256 = disclosure_tables.file_sha256
        and all_rows.table_id = disclosure_tables.table_id

)

select * from compared
where abs(coalesce(total_yuan, 0) - components_yuan) > tolerance_yuan
