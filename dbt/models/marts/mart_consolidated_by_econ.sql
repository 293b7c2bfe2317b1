-- All departments consolidated by department economic code: each 款 (5-digit) of
-- fct_expenditure_by_econ also counts towards its 类 (first 3 digits).
with

kuan_facts as (

    select * from {{ ref('fct_expenditure_by_econ') }}

),

final as (

    {{ consolidated_by_code_level('kuan_facts', code_column='econ_code', code_lengths=[3, 5]) }}

)

select * from final
