{#- Long → wide: one max(case …) per measure, portable across DuckDB and PostgreSQL (the
    cast keeps the column DECIMAL(18,2) on PostgreSQL, where max() returns plain numeric).
    Money measures become <measure>_yuan, the count measure `quantity` stays `quantity`;
    every measure also gets <measure>_cell_ref, the cell its value came from. -#}
{% macro measure_column(measure) -%}
    {{ measure if measure == 'quantity' else measure ~ '_yuan' }}
{%- endmacro %}

{% macro pivot_measures(measures) -%}
    {%- for measure in measures %}
        cast(max(case when measure = '{{ measure }}' then measure_value end) as decimal(18, 2))
            as {{ measure_column(measure) }},
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

{#- The body of an int_tNN_rows_pivoted model: rows of loaded files of one disclosure table,
    keyed by (file_sha256, table_id, section, row_number), with its measures and attributes
    as columns. Every pivot model is this one query, so they cannot drift apart. -#}
{% macro pivot_disclosure_table(table_id, measures=[], attributes=[]) %}

with

table_rows as (

    select * from {{ ref('int_table_rows_loaded') }}
    where table_id = '{{ table_id }}'

),

amounts as (

    select * from {{ ref('stg_raw__amounts') }}
    where table_id = '{{ table_id }}'

),

row_attributes as (

    select * from {{ ref('stg_raw__row_attributes') }}
    where table_id = '{{ table_id }}'

),

{% if measures %}
amounts_pivoted as (

    select
        file_sha256,
        section,
        row_number,
        {{ pivot_measures(measures) }}

    from amounts
    group by file_sha256, section, row_number

),
{% endif %}

{% if attributes %}
attributes_pivoted as (

    select
        file_sha256,
        section,
        row_number,
        {{ pivot_attributes(attributes) }}

    from row_attributes
    group by file_sha256, section, row_number

),
{% endif %}

final as (

    select
        table_rows.fiscal_year,
        table_rows.department_code,
        table_rows.file_sha256,
        table_rows.table_id,
        table_rows.section,
        table_rows.row_number,
        table_rows.source_row_key,
        table_rows.row_kind,
        table_rows.code,
        table_rows.code_level,
        table_rows.label
        {%- for measure in measures %},
        amounts_pivoted.{{ measure_column(measure) }}
        {%- endfor %}
        {%- for measure in measures %},
        amounts_pivoted.{{ measure }}_cell_ref
        {%- endfor %}
        {%- for attribute in attributes %},
        attributes_pivoted.{{ attribute }}
        {%- endfor %}

    from table_rows
    {%- if measures %}
    left join amounts_pivoted
        on table_rows.file_sha256 = amounts_pivoted.file_sha256
        and table_rows.section = amounts_pivoted.section
        and table_rows.row_number = amounts_pivoted.row_number
    {%- endif %}
    {%- if attributes %}
    left join attributes_pivoted
        on table_rows.file_sha256 = attributes_pivoted.file_sha256
        and table_rows.section = attributes_pivoted.section
        and table_rows.row_number = attributes_pivoted.row_number
    {%- endif %}

)

select * from final

{% endmacro %}

{#- Names compared across documents: brackets unified to full width, spaces dropped. -#}
{% macro normalise_name(expression) -%}
    replace(replace(replace(replace({{ expression }}, '(', '（'), ')', '）'), ' ', ''), '　', '')
{%- endmacro %}
