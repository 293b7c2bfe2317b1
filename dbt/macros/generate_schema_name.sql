{#- Custom schemas (staging, intermediate, marts, quality, reference) are used as they are,
    not prefixed with the target schema, so analysts always find marts.fct_... -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
