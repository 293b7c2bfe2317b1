{#- SQL that DuckDB and PostgreSQL spell differently, dispatched on the adapter
    (`adapter.dispatch`): a duckdb__ and a postgres__ implementation each, giving the same
    result on both. Everything else in the project is written in SQL both accept. -#}

{#- True when `pattern` matches somewhere in `expression` (a search, not a full match). -#}
{% macro matches_regex(expression, pattern) -%}
    {{ return(adapter.dispatch('matches_regex', 'budget_warehouse')(expression, pattern)) }}
{%- endmacro %}

{% macro duckdb__matches_regex(expression, pattern) -%}
    regexp_matches({{ expression }}, {{ pattern }})
{%- endmacro %}

{% macro postgres__matches_regex(expression, pattern) -%}
    ({{ expression }} ~ {{ pattern }})
{%- endmacro %}

{#- True when `pattern` matches the whole of `expression`. -#}
{% macro fully_matches_regex(expression, pattern) -%}
    {{ return(adapter.dispatch('fully_matches_regex', 'budget_warehouse')(expression, pattern)) }}
{%- endmacro %}

{% macro duckdb__fully_matches_regex(expression, pattern) -%}
    regexp_full_match({{ expression }}, {{ pattern }})
{%- endmacro %}

{% macro postgres__fully_matches_regex(expression, pattern) -%}
    ({{ expression }} ~ ('^(?:' || {{ pattern }} || ')$'))
{%- endmacro %}

{#- True when `value` is one of the items of the text `delimited` split at the one-character
    literal `delimiter`. An empty text is one empty item on both engines (PostgreSQL's
    string_to_array would give none, hence the regexp split there). -#}
{% macro delimited_list_contains(delimited, delimiter, value) -%}
    {{ return(adapter.dispatch('delimited_list_contains', 'budget_warehouse')(delimited, delimiter, value)) }}
{%- endmacro %}

{% macro duckdb__delimited_list_contains(delimited, delimiter, value) -%}
    list_contains(string_split({{ delimited }}, '{{ delimiter }}'), {{ value }})
{%- endmacro %}

{% macro postgres__delimited_list_contains(delimited, delimiter, value) -%}
    ({{ value }} = any(regexp_split_to_array({{ delimited }}, '\{{ delimiter }}')))
{%- endmacro %}

{#- Post-hook of every model: PostgreSQL plans the next model's joins from table statistics,
    and a table dbt has just created has none until autovacuum comes by; without them the
    rule views' multi-column joins were planned as nested loops (minutes instead of
    seconds). DuckDB needs nothing. -#}
{% macro analyze_built_table() -%}
    {{ return(adapter.dispatch('analyze_built_table', 'budget_warehouse')()) }}
{%- endmacro %}

{% macro default__analyze_built_table() -%}
{%- endmacro %}

{% macro postgres__analyze_built_table() -%}
    {%- if model.config.materialized in ('table', 'incremental') -%}
        analyze {{ this }}
    {%- endif -%}
{%- endmacro %}
