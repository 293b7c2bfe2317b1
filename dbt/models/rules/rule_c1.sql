{{ config(schema='quality', materialized='view') }}

-- C1 all 16 tables present, each identified once by its title: one row per 表1–表16,
-- expected 1, actual the number of tables found with that id (value_unit count).

with

department_years as (

    select * from {{ ref('int_rule_department_years') }}

),

tables as (

    select * from {{ ref('int_rule_tables') }}

),

catalogue as (

    select
        file_sha256,
        cast(table_id as varchar) as table_id,
        string_agg(cast(cell_ref as varchar), ',' order by cell_ref) as cells
    from {{ source('raw', 'catalogue') }}
    group by file_sha256, table_id

),

table_ids as (

    {% for table_number in range(1, 17) %}
    select 'T{{ "%02d" % table_number }}' as table_id
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select
        'C1' as rule_id,
        department_years.file_sha256,
        department_years.fiscal_year,
        department_years.department_code,
        table_ids.table_id as comparison_key,
        'equal' as comparison_kind,
        'count' as value_unit,
        cast(1 as decimal(18, 2)) as expected_yuan,
        cast(count(tables.table_id) as decimal(18, 2)) as actual_yuan,
        0 as wan_yuan_terms,
        cast(0 as decimal(18, 2)) as extra_tolerance_yuan,
        true as evaluable,
        cast(null as varchar) as not_evaluable_reason,
        max(catalogue.cells) as expected_cells,
        string_agg(tables.title_cell_ref, ',' order by tables.title_cell_ref) as actual_cells
    from department_years
    cross join table_ids
    left join tables
        on department_years.file_sha256 = tables.file_sha256
        and table_ids.table_id = tables.table_id
    left join catalogue
        on department_years.file_sha256 = catalogue.file_sha256
        and table_ids.table_id = catalogue.table_id
    group by
        department_years.file_sha256,
        department_years.fiscal_year,
        department_years.department_code,
        table_ids.table_id

)

select * from final
