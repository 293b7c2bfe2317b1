{{ config(schema='quality', materialized='view') }}

-- S1 表3、表5–表8: on every row 合计 = 人员经费 + 公用经费 + 专项业务经费 (表3 also 基本支出小计 and its other columns).

with

comparisons as (

    select * from {{ ref('int_rule_row_sums') }}
    where rule_id = 'S1'

)

select * from comparisons
