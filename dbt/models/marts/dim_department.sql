with

departments as (

    select * from {{ ref('stg_raw__departments') }}

),

disclosure_files as (

    select * from {{ ref('stg_raw__disclosure_files') }}

),

years_loaded as (

    select
        department_code,
        min(fiscal_year) as first_fiscal_year,
        max(fiscal_year) as last_fiscal_year

    from disclosure_files
    where status = 'loaded'
    group by department_code

),

final as (

    select
        departments.department_code,
        departments.department_name,
        departments.aliases,
        cast(years_loaded.first_fiscal_year as integer) as first_fiscal_year,
        cast(years_loaded.last_fiscal_year as integer) as last_fiscal_year

    from departments
    left join years_loaded
        on departments.department_code = years_loaded.department_code

)

select * from final
