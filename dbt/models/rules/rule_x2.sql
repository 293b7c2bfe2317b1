{{ config(schema='quality', materialized='view') }}

-- X2 表7 = 表5 in the 人员经费 and 公用经费 columns, code by code (function codes and 合计). A code
-- printed in only one table counts as zero in the other.

with

rule_tables as (

    select * from {{ ref('int_rule_tables') }}

),

coded_amounts as (

    select * from {{ ref('int_rule_coded_amounts') }}

),

final as (

    {{ code_by_code_comparison(
        'X2', 'rule_tables', 'coded_amounts',
        reference_table_id='T05', checked_table_id='T07', measures=['personnel', 'public']
    ) }}

)

select * from final
