{{ config(schema='quality', materialized='view') }}

-- X6 表10 合计 = 表5 专项业务经费 total + 表9 project spending (0 when 表9 is blank or absent).

with

comparisons as (

    select * from {{ ref('int_rule_value_pairs') }}
    where rule_id = 'X6'

)

select * from comparisons
