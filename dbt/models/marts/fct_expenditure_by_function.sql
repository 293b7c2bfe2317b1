{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail', pre_hook="{{ delete_load_scope() }}") }}

-- 表5 leaf (项, 7-digit) rows: one row per fiscal year, department and function code.
-- A code printed twice in one table is summed (rule S2 reports it); two loaded files for
-- one department-year would break the primary key test on purpose.
with

t05_rows as (

    select * from {{ ref('int_t05_rows_pivoted') }}

),

final as (

    {{ amounts_per_code(
        't05_rows',
        code_column='function_code',
        code_length=7,
        measures=['personnel_yuan', 'public_yuan', 'project_yuan', 'total_yuan']
    ) }}

)

select * from final
{{ where_in_load_scope() }}
