{{ config(schema='quality', materialized='view') }}

-- S3 department economic hierarchy (表6, 表8): 合计 = Σ 类, 类 = Σ 款, per amount column.

with

comparisons as (

    select * from {{ ref('int_rule_hierarchy_sums') }}
    where rule_id = 'S3'

)

select * from comparisons
