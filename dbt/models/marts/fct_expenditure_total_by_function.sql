{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail', pre_hook="{{ delete_load_scope() }}") }}

-- 表3 leaf (项, 7-digit) rows: all expenditure by function code, basic (人员 + 公用) vs project.
with

t03_rows as (

    select * from {{ ref('int_t03_rows_pivoted') }}

),

final as (

    {{ amounts_per_code(
        't03_rows',
        code_column='function_code',
        code_length=7,
        measures=['total_yuan', 'basic_yuan', 'personnel_yuan', 'public_yuan', 'project_yuan'],
        measure_sources={'basic_yuan': 'basic_subtotal_yuan'}
    ) }}

)

select * from final
{{ where_in_load_scope() }}
