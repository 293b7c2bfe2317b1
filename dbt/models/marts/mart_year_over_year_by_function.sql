{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail', pre_hook="{{ delete_load_scope() }}") }}

-- Per department and function code (every level), this year's total against the prior
-- fiscal year's. A code that vanished this year appears with amount 0 (rule Y4); the prior
-- amount is null when the department has no loaded disclosure for the prior year.
with

leaf_facts as (

    select * from {{ ref('fct_expenditure_by_function') }}

),

disclosure_files as (

    select * from {{ ref('stg_raw__disclosure_files') }}

),

department_years as (

    select distinct department_code, fiscal_year
    from disclosure_files
    where status = 'loaded'

),

leaf_amounts_at_levels as (

    {{ rows_at_code_levels(
        'leaf_facts',
        code_column='function_code',
        code_lengths=[3, 5, 7],
        columns=['department_code', 'fiscal_year', 'total_yuan']
    ) }}

),

amounts as (

    select
        department_code,
        function_code,
        class_level,
        fiscal_year,
        sum(total_yuan) as amount_yuan
    from leaf_amounts_at_levels
    group by department_code, function_code, class_level, fiscal_year

),

keys as (

    select department_code, function_code, class_level, fiscal_year
    from amounts

    union

    -- codes of last year in a department that has this year loaded
    select
        amounts.department_code,
        amounts.function_code,
        amounts.class_level,
        department_years.fiscal_year
    from amounts
    inner join department_years
        on amounts.department_code = department_years.department_code
        and amounts.fiscal_year + 1 = department_years.fiscal_year

),

compared as (

    select
        keys.department_code,
        keys.function_code,
        keys.class_level,
        keys.fiscal_year,
        coalesce(current_year.amount_yuan, 0) as amount_yuan,
        case
            when prior_loaded.fiscal_year is not null then coalesce(prior_year.amount_yuan, 0)
        end as prior_amount_yuan

    from keys
    left join amounts as current_year
        on keys.department_code = current_year.department_code
        and keys.function_code = current_year.function_code
        and keys.fiscal_year = current_year.fiscal_year
    left join amounts as prior_year
        on keys.department_code = prior_year.department_code
        and keys.function_code = prior_year.function_code
        and keys.fiscal_year = prior_year.fiscal_year + 1
    left join department_years as prior_loaded
        on keys.department_code = prior_loaded.department_code
        and keys.fiscal_year = prior_loaded.fiscal_year + 1

),

final as (

    select
        cast(department_code as varchar) as department_code,
        cast(function_code as varchar) as function_code,
        cast(class_level as integer) as class_level,
        cast(fiscal_year as integer) as fiscal_year,
        cast(amount_yuan as decimal(18, 2)) as amount_yuan,
        cast(prior_amount_yuan as decimal(18, 2)) as prior_amount_yuan,
        cast(amount_yuan - prior_amount_yuan as decimal(18, 2)) as change_yuan,
        cast(
            case
                when prior_amount_yuan <> 0
                    then round((amount_yuan - prior_amount_yuan) * 100 / prior_amount_yuan, 2)
            end
            as decimal(18, 2)
        ) as change_pct

    from compared

)

select * from final
{{ where_in_load_scope() }}
