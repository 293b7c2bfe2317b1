-- All departments consolidated by function code, every level: each 项 (7-digit) leaf of
-- fct_expenditure_by_function also counts towards its 款 (first 5 digits) and 类 (first 3).
with

leaf_facts as (

    select * from {{ ref('fct_expenditure_by_function') }}

),

final as (

    {{ consolidated_by_code_level('leaf_facts', code_column='function_code', code_lengths=[3, 5, 7]) }}

)

select * from final
