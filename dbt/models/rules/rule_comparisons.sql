{{ config(schema='quality', materialized='incremental', incremental_strategy='append',
          on_schema_change='fail',
          pre_hook=["{{ delete_load_scope() }}", "{{ set_rule_scope() }}"],
          post_hook="{{ reset_rule_scope() }}") }}

-- Every comparison of every rule: one row per rule, department-year and comparison key.
-- difference = actual − expected. Tolerance: exact to the cent between yuan figures, plus
-- 50 yuan for every printed 万元 figure involved (a 万元 figure is rounded to 100 yuan).
-- excess_over_tolerance_yuan > 0 means the rule fails on that row; the GX suites assert it.
-- For value_unit = 'count' (completeness and year rules) the *_yuan columns hold counts.
-- An incremental run computes the rules of the load's scope only: the hooks scope the rule
-- views' sources for this model's own connection (macros/load_scope.sql, in_rule_scope).

{%- set rule_models = [
    'rule_missing_tables',
    'rule_b1', 'rule_b2', 'rule_b3', 'rule_b4',
    'rule_s1', 'rule_s2', 'rule_s3', 'rule_s4',
    'rule_x1', 'rule_x2', 'rule_x3', 'rule_x4', 'rule_x5', 'rule_x6', 'rule_x7', 'rule_x8',
    'rule_x9', 'rule_x10',
    'rule_c1', 'rule_c2', 'rule_c3', 'rule_c3n', 'rule_c4',
    'rule_y2', 'rule_y3', 'rule_y4',
] %}

with

unioned as (

    {% for model in rule_models %}
    select
        rule_id,
        file_sha256,
        fiscal_year,
        department_code,
        comparison_key,
        comparison_kind,
        value_unit,
        cast(expected_yuan as decimal(18, 2)) as expected_yuan,
        cast(actual_yuan as decimal(18, 2)) as actual_yuan,
        cast(wan_yuan_terms as integer) as wan_yuan_terms,
        cast(extra_tolerance_yuan as decimal(18, 2)) as extra_tolerance_yuan,
        evaluable,
        not_evaluable_reason,
        expected_cells,
        actual_cells
    from {{ ref(model) }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

measured as (

    select
        *,
        cast(actual_yuan - expected_yuan as decimal(18, 2)) as difference_yuan,
        cast(50 * wan_yuan_terms + extra_tolerance_yuan as decimal(18, 2)) as tolerance_yuan
    from unioned

),

final as (

    select
        rule_id,
        fiscal_year,
        department_code,
        file_sha256,
        comparison_key,
        comparison_kind,
        value_unit,
        expected_yuan,
        actual_yuan,
        difference_yuan,
        tolerance_yuan,
        case
            when not evaluable then null
            when comparison_kind = 'at_most' then difference_yuan - tolerance_yuan
            else abs(difference_yuan) - tolerance_yuan
        end as excess_over_tolerance_yuan,
        evaluable,
        not_evaluable_reason,
        expected_cells,
        actual_cells
    from measured

)

select * from final
{{ where_in_load_scope() }}
