-- All departments consolidated by function code, every level: each 项 (7-digit) leaf of
-- fct_expenditure_by_function also counts towards its 款 (first 5 digits) and 类 (first 3).
with

leaf_facts as (

    select * from {{ ref('fct_expenditure_by_function') }}

),

levels as (

    {% for level, code_length in [(1, 3), (2, 5), (3, 7)] %}
    select
        fiscal_year,
        department_code,
        substr(function_code, 1, {{ code_length }}) as function_code,
        {{ level }} as class_level,
        personnel_yuan,
        public_yuan,
        project_yuan,
        total_yuan
    from leaf_facts
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

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
