{#- The columns of a rule comparison row, in the order rule_comparisons reads them, for a
    rule that states only why a comparison cannot be made (not_evaluable_reason, null when
    the figures can be compared): `evaluable` is derived here, true exactly when there is no
    reason, so no rule can report a comparison as evaluable while giving a reason against
    it. Every other column must already be in the relation selected from. -#}
{% macro rule_comparison_columns() -%}
    rule_id, file_sha256, fiscal_year, department_code, comparison_key, comparison_kind,
    value_unit, expected_yuan, actual_yuan, wan_yuan_terms, extra_tolerance_yuan,
    not_evaluable_reason is null as evaluable, not_evaluable_reason, expected_cells,
    actual_cells
{%- endmacro %}
