-- All departments consolidated by function code, every level: each 项 (7-digit) leaf of
-- fct_expenditure_by_function also counts towards its 款 (first 5 digits) and 类 (first 3).
with

leaf_facts as (

    select * from {{ ref('fct_expenditure_by_function') }}

),

levels as (

    {{ rows_at_code_levels(
        'leaf_facts',
        code_column='function_code',
        code_lengths=[3, 5, 7],
        columns=['fiscal_year', 'department_code', 'personnel_yuan', 'public_yuan',
            'project_yuan', 'total_yuan']
    ) }}

),

final as (

    select
        cast(fiscal_year as integer) as fiscal_year,
        cast(function_code as varchar) as function_code,
        cast(class_level as integer) as class_level,
        cast(sum(personnel_yuan) as decimal(18, 2)) as personnel_yuan,
        cast(sum(public_yuan) as decimal(18, 2)) as public_yuan,
        cast(sum(project_yuan) as decimal(18, 2)) as project_yuan,
        cast(sum(total_yuan) as decimal(18, 2)) as total_yuan,
        cast(count(distinct department_code) as integer) as department_count

    from levels
    group by fiscal_year, function_code, class_level

)

select * from final
