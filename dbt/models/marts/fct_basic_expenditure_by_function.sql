{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail', pre_hook="{{ delete_load_scope() }}") }}

-- 表7 leaf (项, 7-digit) rows: basic expenditure (人员 + 公用) by function code.
with

t07_rows as (

    select * from {{ ref('int_t07_rows_pivoted') }}

),

final as (

    {{ amounts_per_code(
        't07_rows',
        code_column='function_code',
        code_length=7,
        measures=['personnel_yuan', 'public_yuan', 'total_yuan']
    ) }}

)

select * from final
{{ where_in_load_scope() }}
