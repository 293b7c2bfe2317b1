{#- The body of the expenditure facts read from a coded table (表3, 表5–表8): the table's line
    rows at one code length (项 = 7 digits for function codes, 款 = 5 for department economic
    codes), one row per fiscal year, department and code, amounts in yuan. The five facts
    are this one query on different tables and columns, so their grain, the summing of a
    code printed twice in one table (rule S2 reports it) and source_row_key (the code's
    first row) cannot drift apart; two loaded files for one department-year break the
    primary key test on purpose.
    `rows` names the caller's import CTE of an int_tNN_rows_pivoted model; `code_column` is
    the fact's name for the code; `measures` the amount columns in output order, each read
    from the pivot column of the same name unless `measure_sources` maps it to another
    (basic_yuan from basic_subtotal_yuan); `code_attributes` are text columns printed beside
    the code (gov_econ_code), kept as printed (max over the code's rows). -#}
{% macro amounts_per_code(
    rows, code_column, code_length, measures, measure_sources={}, code_attributes=[]
) %}

    select
        cast(fiscal_year as integer) as fiscal_year,
        cast(department_code as varchar) as department_code,
        cast(code as varchar) as {{ code_column }},
        {%- for attribute in code_attributes %}
        cast({{ attribute }} as varchar) as {{ attribute }},
        {%- endfor %}
        {%- for measure in measures %}
        cast({{ measure }} as decimal(18, 2)) as {{ measure }},
        {%- endfor %}
        cast(file_sha256 as varchar) as file_sha256,
        cast({{ source_row_key() }} as varchar) as source_row_key

    from (

        select
            fiscal_year,
            department_code,
            code,
            {%- for attribute in code_attributes %}
            max({{ attribute }}) as {{ attribute }},
            {%- endfor %}
            file_sha256,
            table_id,
            section,
            min(row_number) as row_number
            {%- for measure in measures %},
            sum(coalesce({{ measure_sources.get(measure, measure) }}, 0)) as {{ measure }}
            {%- endfor %}

        from {{ rows }}
        where row_kind = 'line'
            and code is not null
            and length(code) = {{ code_length }}
        group by fiscal_year, department_code, code, file_sha256, table_id, section

    ) as per_code

{% endmacro %}
