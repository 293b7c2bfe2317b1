{{ config(schema='quality', materialized='view') }}

-- S2 function hierarchy (表3, 表5, 表7): 合计 = Σ 类, 类 = Σ 款, 款 = Σ 项, per amount column.

with

comparisons as (

    select * from {{ ref('int_rule_hierarchy_sums') }}
    where rule_id = 'S2'

)

select * from comparisons
