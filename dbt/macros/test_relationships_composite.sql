{#- Generic test: a composite foreign key. Every combination of `columns` in the model (rows
    with a null in any of them are skipped, as dbt's relationships test skips nulls) exists
    as the same combination of `fields` in `to`, optionally restricted by `to_condition`, a
    predicate on `to` (e.g. "scheme = 'department'"). Fails with the orphan combinations.
    dbt's relationships test compares one column; the code dimensions are keyed per year.
    Usage on a model:
      data_tests:
        - relationships_composite:
            arguments:
              columns: [fiscal_year, function_code]
              to: ref('dim_function_class')
              fields: [fiscal_year, function_code] -#}
{% test relationships_composite(model, columns, to, fields, to_condition=none) %}

{%- if columns | length != fields | length or columns | length == 0 -%}
    {{ exceptions.raise_compiler_error(
        "relationships_composite: columns " ~ columns ~ " and fields " ~ fields
        ~ " must be non-empty lists of the same length") }}
{%- endif %}

with

child_keys as (

    select distinct {{ columns | join(', ') }}
    from {{ model }}
    where {% for column in columns -%}
        {{ column }} is not null{% if not loop.last %} and {% endif %}
    {%- endfor %}

),

parent_keys as (

    select {{ fields | join(', ') }}
    from {{ to }}
    {%- if to_condition %}
    where {{ to_condition }}
    {%- endif %}

)

select child_keys.*
from child_keys
where not exists (
    select 1
    from parent_keys
    where {% for column in columns -%}
        child_keys.{{ column }} = parent_keys.{{ fields[loop.index0] }}
        {%- if not loop.last %} and {% endif %}
    {%- endfor %}
)

{% endtest %}
