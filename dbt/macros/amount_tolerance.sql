{#- Allowed absolute difference when comparing sums of printed values (DOMAIN.md §4):
    0.01 yuan between yuan figures, ±50 yuan per value when the table is printed in 万元. -#}
{% macro amount_tolerance(unit_multiplier, value_count) -%}
    case when {{ unit_multiplier }} = 10000 then 50 * ({{ value_count }}) else 0.01 end
{%- endmacro %}
