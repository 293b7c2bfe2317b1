-- Incremental builds per department-year.
--
-- The loader writes raw.load_scope: the department-years whose loaded file changed in this
-- load (new, replaced, removed, quarantined), each with the next fiscal year of the same
-- department, because year-over-year marts and rules Y2–Y4 read the prior year. Models
-- keyed by department-year are `incremental`: on an incremental run they delete those
-- department-years and insert them again from a select filtered to the same scope, so the
-- table ends exactly as a full rebuild would leave it (tests/integration checks this
-- against a fresh warehouse). The Dagster dbt asset decides between an incremental run
-- and a full refresh (dagster_project/lib/build_state.py): a changed dbt project, rule
-- catalogue or registry, or a first load, rebuilds everything.

{% macro in_load_scope(department_column='department_code', year_column='fiscal_year') -%}
    ({{ department_column }}, {{ year_column }}) in (
        select department_code, fiscal_year from {{ source('raw', 'load_scope') }}
    )
{%- endmacro %}


{# The final filter of an incremental model: nothing on a full build. #}
{% macro where_in_load_scope(department_column='department_code', year_column='fiscal_year') -%}
    {%- if is_incremental() %}
    where {{ in_load_scope(department_column, year_column) }}
    {%- endif %}
{%- endmacro %}


{# pre_hook of an incremental model: its rows of the scope go before they are inserted again. #}
{% macro delete_load_scope() -%}
    {%- if is_incremental() -%}
    delete from {{ this }} where {{ in_load_scope() }}
    {%- endif -%}
{%- endmacro %}


{#
  The rule relation's scope.

  rule_comparisons is incremental, but the rule views it unions (quality.rule_<id>, and
  the intermediate.int_rule_* blocks under them) are views an analyst can query over the
  whole warehouse. Filtering only the union's result made every incremental run compute
  every rule for every department-year and keep one in a few hundred (1.5 s of a 5 s dbt
  build at 500 department-years). So the views read their sources through
  in_rule_scope(): a filter on a DuckDB session variable that only rule_comparisons'
  incremental pre-hook sets, on its own connection, and its post-hook clears. Where the
  variable is unset (an analyst's session, a full build, every other model) the filter
  folds to true when the view is bound and costs nothing.

  The variable lists the loaded files the scope's rules read: each scope department-year's
  own file and its prior year's (Y3/Y4 compare with the year before). Rules read the other
  raw relations they need (registry, files for Y2, reference codes) unfiltered. Comparisons
  of a prior year that is only there as context come out incomplete and are dropped by
  rule_comparisons' final where_in_load_scope(). tests/integration/test_incremental.py
  checks the result against a full rebuild.

  PostgreSQL builds are always full (see dagster_project/defs/dbt_models.py), so there the
  filter is simply true.
#}

{% macro in_rule_scope(sha_column='file_sha256') -%}
    {{ return(adapter.dispatch('in_rule_scope')(sha_column)) }}
{%- endmacro %}

{% macro default__in_rule_scope(sha_column) -%}
    true
{%- endmacro %}

{% macro duckdb__in_rule_scope(sha_column) -%}
    (getvariable('budget_warehouse_rule_files') is null
        or list_contains(getvariable('budget_warehouse_rule_files'), {{ sha_column }}))
{%- endmacro %}


{# int_rule_cells as the rule views read it: the rule scope's cells (all of them, unset). #}
{% macro rule_cells(alias='int_rule_cells') -%}
    (select * from {{ ref('int_rule_cells') }} where {{ in_rule_scope() }}) as {{ alias }}
{%- endmacro %}


{# rule_comparisons' pre-hook: an incremental run's rule scope (see above). #}
{% macro set_rule_scope() -%}
    {%- if is_incremental() and target.type == 'duckdb' -%}
    set variable budget_warehouse_rule_files = (
        select coalesce(list(distinct files.file_sha256), []::varchar[])
        from {{ source('raw', 'disclosure_files') }} as files
        inner join {{ source('raw', 'load_scope') }} as scope
            on files.department_code = scope.department_code
            and files.fiscal_year in (scope.fiscal_year, scope.fiscal_year - 1)
        where files.status = 'loaded'
    )
    {%- endif -%}
{%- endmacro %}


{# rule_comparisons' post-hook: the connection goes back to dbt's pool unscoped. #}
{% macro reset_rule_scope() -%}
    {%- if target.type == 'duckdb' -%}
    reset variable budget_warehouse_rule_files
    {%- endif -%}
{%- endmacro %}
