-- 表1 income sources (fct_income) against 表2's 合计 row, source by source. Tolerance:
-- 0.01 yuan, or 50 yuan when either table is printed in 万元.
with

income as (

    select * from {{ ref('fct_income') }}

),

t02_rows as (

    select * from {{ ref('int_t02_rows_pivoted') }}
    where row_kind = 'total'

),

disclosure_tables as (

    select * from {{ ref('stg_raw__disclosure_tables') }}

),

t02_sources as (

    {% for source in ['general_budget', 'gov_fund', 'state_capital', 'superior_subsidy', 'business_income', 'operating_income', 'affiliated_income', 'other_income', 'business_fund', 'carryover'] %}
    select
        fiscal_year, department_code, file_sha256, source_row_key,
        '{{ source }}' as income_source,
        {{ source }}_yuan as amount_yuan
    from t02_rows
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

units as (

    select
        file_sha256,
        max(case when table_id in ('T01', 'T02') then unit_multiplier end) as unit_multiplier

    from disclosure_tables
    group by file_sha256

),

final as (

    select
        t02_sources.fiscal_year,
        t02_sources.department_code,
        t02_sources.income_source,
        coalesce(income.amount_yuan, 0) as t01_amount_yuan,
        coalesce(t02_sources.amount_yuan, 0) as t02_amount_yuan,
        coalesce(income.amount_yuan, 0) - coalesce(t02_sources.amount_yuan, 0) as difference_yuan,
        cast(case when units.unit_multiplier = 10000 then 50 else 0.01 end as decimal(18, 2))
            as tolerance_yuan,
        income.source_row_key as t01_source_row_key,
        t02_sources.source_row_key as t02_source_row_key

    from t02_sources
    left join income
        on t02_sources.fiscal_year = income.fiscal_year
        and t02_sources.department_code = income.department_code
        and t02_sources.income_source = income.income_source
    left join units
        on t02_sources.file_sha256 = units.file_sha256

)

select * from final
