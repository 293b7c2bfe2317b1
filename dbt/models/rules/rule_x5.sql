{{ config(schema='quality', materialized='view') }}

-- X5 表5 合计 = 表4 一般公共预算拨款 (income side); 表4 财政拨款 = 表1 财政拨款.

with

comparisons as (

    select * from {{ ref('int_rule_value_pairs') }}
    where rule_id = 'X5'

)

select * from comparisons
