{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail', pre_hook="{{ delete_load_scope() }}") }}

-- 表6 款 (5-digit) rows: one row per fiscal year, department and department economic code.
with

t06_rows as (

    select * from {{ ref('int_t06_rows_pivoted') }}

),

final as (

    {{ amounts_per_code(
        't06_rows',
        code_column='econ_code',
        code_length=5,
        measures=['personnel_yuan', 'public_yuan', 'project_yuan', 'total_yuan'],
        code_attributes=['gov_econ_code']
    ) }}

)

select * from final
{{ where_in_load_scope() }}
