{#- The body of a consolidation over all departments: a fact keyed by a leaf code, summed
    per fiscal year, code and level (rows_at_code_levels: a parent code's figures are the
    sum of its leaves), with the number of departments that printed the code. The function
    and the economic consolidations are this one query on different facts and code lengths.
    `rows` names the caller's import CTE of an expenditure fact with personnel_yuan,
    public_yuan, project_yuan and total_yuan. -#}
{% macro consolidated_by_code_level(rows, code_column, code_lengths) %}

    select
        cast(fiscal_year as integer) as fiscal_year,
        cast({{ code_column }} as varchar) as {{ code_column }},
        cast(class_level as integer) as class_level,
        cast(sum(personnel_yuan) as decimal(18, 2)) as personnel_yuan,
        cast(sum(public_yuan) as decimal(18, 2)) as public_yuan,
        cast(sum(project_yuan) as decimal(18, 2)) as project_yuan,
        cast(sum(total_yuan) as decimal(18, 2)) as total_yuan,
        cast(count(distinct department_code) as integer) as department_count

    from (

        {{ rows_at_code_levels(
            rows,
            code_column=code_column,
            code_lengths=code_lengths,
            columns=['fiscal_year', 'department_code', 'personnel_yuan', 'public_yuan',
                'project_yuan', 'total_yuan']
        ) }}

    ) as levels
    group by fiscal_year, {{ code_column }}, class_level

{% endmacro %}
