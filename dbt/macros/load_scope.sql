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
