-- All departments consolidated by department economic code: each 款 (5-digit) of
-- fct_expenditure_by_econ also counts towards its 类 (first 3 digits).
with

kuan_facts as (

    select * from {{ ref('fct_expenditure_by_econ') }}

),

levels as (

    {{ rows_at_code_levels(
        'kuan_facts',
        code_column='econ_code',
        code_lengths=[3, 5],
        columns=['fiscal_year', 'department_code', 'personnel_yuan', 'public_yuan',
            'project_yuan', 'total_yuan']
    ) }}

),

final as (

    select
        cast(fiscal_year as integer) as fiscal_year,
        cast(econ_code as varchar) as econ_code,
        cast(class_level as integer) as class_level,
        cast(sum(personnel_yuan) as decimal(18, 2)) as personnel_yuan,
        cast(sum(public_yuan) as decimal(18, 2)) as public_yuan,
        cast(sum(project_yuan) as decimal(18, 2)) as project_yuan,
        cast(sum(total_yuan) as decimal(18, 2)) as total_yuan,
        cast(count(distinct department_code) as integer) as department_count

    from levels
    group by fiscal_year, econ_code, class_level

)

select * from final
