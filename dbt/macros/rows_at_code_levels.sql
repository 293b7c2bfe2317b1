{#- Each row of a fact keyed by a leaf code, once per level of the code hierarchy: the code
    cut to each length of `code_lengths` (类 3 digits, 款 5, 项 7), with class_level 1, 2, …
    in that order. Summing the result per code and level rolls leaves up to every parent
    (a 款 = Σ its 项, a 类 = Σ its 款), which is how the consolidations and the
    year-over-year comparison reach the upper levels; the codes are positional, so no
    parent lookup is needed. `rows` names the caller's CTE, `columns` the columns carried
    along unchanged. Returns one select (a union all, one branch per level). -#}
{% macro rows_at_code_levels(rows, code_column, code_lengths, columns) %}

    {%- for code_length in code_lengths %}
    select
        {%- for column in columns %}
        {{ column }},
        {%- endfor %}
        substr({{ code_column }}, 1, {{ code_length }}) as {{ code_column }},
        {{ loop.index }} as class_level
    from {{ rows }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

{% endmacro %}
