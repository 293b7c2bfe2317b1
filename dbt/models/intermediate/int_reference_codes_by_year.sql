-- The reference code lists (seeds) applied to every loaded fiscal year, minus codes the
-- crosswalk says were introduced after that year.
with

function_codes as (

    select * from {{ ref('expenditure_function_codes_observed') }}

),

dept_econ_codes as (

    select * from {{ ref('dept_economic_codes_observed') }}

),

gov_econ_codes as (

    select * from {{ ref('gov_economic_codes_observed') }}

),

crosswalk as (

    select * from {{ ref('code_crosswalk') }}

),

disclosure_files as (

    select * from {{ ref('stg_raw__disclosure_files') }}

),

reference_codes as (

    select 'function' as scheme, code, name, level, parent_code from function_codes
    union all
    select 'department' as scheme, code, name, level, parent_code from dept_econ_codes
    union all
    select 'government' as scheme, code, name, level, parent_code from gov_econ_codes

),

loaded_years as (

    select distinct fiscal_year
    from disclosure_files
    where status = 'loaded' and fiscal_year is not null

),

introductions as (

    select scheme, to_code as code, to_year as introduced_in
    from crosswalk
    where (from_code is null or from_code = '') and to_code is not null

),

final as (

    select
        loaded_years.fiscal_year,
        reference_codes.scheme,
        reference_codes.code,
        reference_codes.name as reference_name,
        {{ normalise_name('reference_codes.name') }} as normalised_name,
        reference_codes.level as class_level,
        reference_codes.parent_code

    from loaded_years
    cross join reference_codes
    left join introductions
        on reference_codes.scheme = introductions.scheme
        and reference_codes.code = introductions.code
    where introductions.introduced_in is null
        or introductions.introduced_in <= loaded_years.fiscal_year

)

select * from final
