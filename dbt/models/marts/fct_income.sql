{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail', pre_hook="{{ delete_load_scope() }}") }}

-- 表1 income section: one row per fiscal year, department and income source. Lines are
-- mapped to stable keys by the seed income_source_labels (see seeds/README.md); subtotals
-- and 其中 lines are left out so that the keys add up.
with

t01_rows as (

    select * from {{ ref('int_t01_rows_pivoted') }}
    where section = 'income'

),

income_source_labels as (

    select * from {{ ref('income_source_labels') }}

),

mapped_lines as (

    select
        t01_rows.fiscal_year,
        t01_rows.department_code,
        income_source_labels.income_source,
        t01_rows.file_sha256,
        t01_rows.table_id,
        t01_rows.section,
        t01_rows.row_number,
        t01_rows.amount_yuan

    from t01_rows
    inner join income_source_labels
        on {{ normalise_name('t01_rows.label') }} = {{ normalise_name('income_source_labels.label') }}
    where t01_rows.row_kind = 'line'

),

per_source as (

    select
        fiscal_year,
        department_code,
        income_source,
        file_sha256,
        table_id,
        section,
        min(row_number) as row_number,
        sum(coalesce(amount_yuan, 0)) as amount_yuan

    from mapped_lines
    group by fiscal_year, department_code, income_source, file_sha256, table_id, section

),

final as (

    select
        cast(fiscal_year as integer) as fiscal_year,
        cast(department_code as varchar) as department_code,
        cast(income_source as varchar) as income_source,
        cast(amount_yuan as decimal(18, 2)) as amount_yuan,
        cast(file_sha256 as varchar) as file_sha256,
        cast({{ source_row_key() }} as varchar) as source_row_key

    from per_source

)

select * from final
{{ where_in_load_scope() }}
