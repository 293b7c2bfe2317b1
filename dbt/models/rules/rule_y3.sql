{{ config(schema='quality', materialized='view') }}

-- Y3 a function 类 of 表5 whose total changed year on year by more than
-- max(share × |prior|, minimum) is reported (a warning). Expected = the prior year's amount,
-- tolerance = that allowance. Without a loaded prior-year disclosure: not evaluable.

{%- set change_share = var('rule_y3_change_share', 0.5) %}
{%- set min_change_yuan = var('rule_y3_min_change_yuan', 10000) %}

with

department_years as (

    select * from {{ ref('int_rule_department_years') }}

),

classes as (

    select * from {{ ref('int_rule_coded_amounts') }}
    where table_id = 'T05' and measure = 'total' and length(row_key) = 3

),

current_year as (

    select department_years.*, classes.row_key, classes.amount_yuan, classes.is_withheld,
           classes.cells
    from department_years
    left join classes
        on department_years.file_sha256 = classes.file_sha256

),

prior_year as (

    select
        department_years.fiscal_year + 1 as next_year,
        department_years.department_code,
        classes.row_key,
        classes.amount_yuan,
        classes.is_withheld,
        classes.cells
    from department_years
    inner join classes
        on department_years.file_sha256 = classes.file_sha256

),

has_prior as (

    select distinct fiscal_year + 1 as next_year, department_code
    from department_years

),

compared as (

    select
        coalesce(current_year.file_sha256, owner.file_sha256) as file_sha256,
        coalesce(current_year.fiscal_year, prior_year.next_year) as fiscal_year,
        coalesce(current_year.department_code, prior_year.department_code) as department_code,
        coalesce(current_year.row_key, prior_year.row_key) as class_code,
        coalesce(prior_year.amount_yuan, 0) as expected_yuan,
        coalesce(current_year.amount_yuan, 0) as actual_yuan,
        coalesce(prior_year.is_withheld, false) or coalesce(current_year.is_withheld, false)
            as is_withheld,
        prior_year.cells as expected_cells,
        current_year.cells as actual_cells
    from (select * from current_year where row_key is not null) as current_year
    full outer join prior_year
        on current_year.department_code = prior_year.department_code
        and current_year.fiscal_year = prior_year.next_year
        and current_year.row_key = prior_year.row_key
    left join department_years as owner
        on prior_year.department_code = owner.department_code
        and prior_year.next_year = owner.fiscal_year

),

final as (

    select
        'Y3' as rule_id,
        compared.file_sha256,
        compared.fiscal_year,
        compared.department_code,
        compared.class_code as comparison_key,
        'equal' as comparison_kind,
        'yuan' as value_unit,
        compared.expected_yuan,
        compared.actual_yuan,
        0 as wan_yuan_terms,
        cast(greatest({{ change_share }} * abs(compared.expected_yuan), {{ min_change_yuan }})
             as decimal(18, 2)) as extra_tolerance_yuan,
        has_prior.next_year is not null and not compared.is_withheld as evaluable,
        case
            when has_prior.next_year is null then 'no loaded disclosure for the prior year'
            when compared.is_withheld then 'withheld value (**)'
        end as not_evaluable_reason,
        compared.expected_cells,
        compared.actual_cells
    from compared
    left join has_prior
        on compared.department_code = has_prior.department_code
        and compared.fiscal_year = has_prior.next_year
    -- a prior-year class of a department-year that was not loaded is Y2's business
    where compared.file_sha256 is not null

)

select * from final
