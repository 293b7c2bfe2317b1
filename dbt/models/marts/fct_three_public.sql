{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail', pre_hook="{{ delete_load_scope() }}") }}

-- 表13 合计 row: "三公"经费 and 会议费/培训费, one row per fiscal year, department and item.
with

t13_rows as (

    select * from {{ ref('int_t13_rows_pivoted') }}

),

total_rows as (

    select * from t13_rows
    where row_kind = 'total'

),

items as (

    {% for item in ['overseas_travel', 'vehicle_purchase', 'vehicle_operation', 'reception', 'meeting', 'training'] %}
    select
        fiscal_year,
        department_code,
        '{{ item }}' as item,
        coalesce({{ item }}_yuan, 0) as amount_yuan,
        {{ item }}_cell_ref as source_cell_ref,
        file_sha256,
        source_row_key
    from total_rows
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select
        cast(fiscal_year as integer) as fiscal_year,
        cast(department_code as varchar) as department_code,
        cast(item as varchar) as item,
        cast(amount_yuan as decimal(18, 2)) as amount_yuan,
        cast(source_cell_ref as varchar) as source_cell_ref,
        cast(file_sha256 as varchar) as file_sha256,
        cast(source_row_key as varchar) as source_row_key

    from items

)

select * from final
{{ where_in_load_scope() }}
