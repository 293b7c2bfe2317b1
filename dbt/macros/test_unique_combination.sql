{#- Generic test: the combination of columns is unique (dbt_utils is not available offline).
    Usage on a model:  data_tests: [{unique_combination: {arguments: {combination_of_columns: [a, b]}}}] -#}
{% test unique_combination(model, combination_of_columns) %}

with

grouped as (

    select
        {{ combination_of_columns | join(', ') }},
        count(*) as row_count

    from {{ model }}
    group by {{ combination_of_columns | join(', ') }}

)

select * from grouped
where row_count > 1

{% endtest %}
