{#- Long → wide: one max(case …) per measure, portable across DuckDB and PostgreSQL.
    For every measure m: <m><suffix> (the value) and <m>_cell_ref (its source cell). -#}
{% macro pivot_measures(measures, suffix='_yuan') -%}
    {%- for measure in measures %}
        max(case when measure = '{{ measure }}' then measure_value end) as {{ measure }}{{ suffix }},
        max(case when measure = '{{ measure }}' then cell_ref end) as {{ measure }}_cell_ref
        {%- if not loop.last %},{% endif %}
    {%- endfor %}
{%- endmacro %}

{% macro pivot_attributes(attributes) -%}
    {%- for attribute in attributes %}
        max(case when attribute = '{{ attribute }}' then value_text end) as {{ attribute }}
        {%- if not loop.last %},{% endif %}
    {%- endfor %}
{%- endmacro %}

{#- Stable text key of a source row: <file_sha256>:<table_id>:<section>:<row_number>. -#}
{% macro source_row_key(relation_alias='') -%}
    {%- set p = relation_alias ~ '.' if relation_alias else '' -%}
    {{ dbt.concat([p ~ "file_sha256", "':'", p ~ "table_id", "':'", p ~ "section", "':'", "cast(" ~ p ~ "row_number as varchar)"]) }}
{%- endmacro %}
