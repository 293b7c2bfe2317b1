{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail', pre_hook="{{ delete_load_scope() }}") }}

-- 表8 款 (5-digit) rows: basic expenditure (人员 + 公用) by department economic code.
with

t08_rows as (

    select * from {{ ref('int_t08_rows_pivoted') }}

),

final as (

    {{ amounts_per_code(
        't08_rows',
        code_column='econ_code',
        code_length=5,
        measures=['personnel_yuan', 'public_yuan', 'total_yuan'],
        code_attributes=['gov_econ_code']
    ) }}

)

select * from final
{{ where_in_load_scope() }}
