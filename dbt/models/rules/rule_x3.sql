{{ config(schema='quality', materialized='view') }}

-- X3 表8 = 表6 in the 人员经费 and 公用经费 columns, code by code (department-economic codes
-- and 合计). A code printed in only one table counts as zero in the other.

with

rule_tables as (

    select * from {{ ref('int_rule_tables') }}

),

coded_amounts as (

    select * from {{ ref('int_rule_coded_amounts') }}

),

final as (

    {{ code_by_code_comparison(
        'X3', 'rule_tables', 'coded_amounts',
        reference_table_id='T06', checked_table_id='T08', measures=['personnel', 'public']
    ) }}

)

select * from final
