{{ config(schema='quality', materialized='view') }}

-- A rule whose tables are absent from a loaded disclosure cannot be evaluated: it reports
-- one not-evaluable row per missing table instead of silently nothing. The rule models
-- themselves only produce rows where their tables exist.

with

department_years as (

    select * from {{ ref('int_rule_department_years') }}

),

tables as (

    select * from {{ ref('int_rule_tables') }}

),

requirements as (

    select *
    from (
        values
            ('B1', 'T01'),
            ('B2', 'T01'), ('B2', 'T04'),
            ('B3', 'T01'), ('B3', 'T04'),
            ('B4', 'T04'), ('B4', 'T09'),
            ('S1', 'T03'), ('S1', 'T05'), ('S1', 'T06'), ('S1', 'T07'), ('S1', 'T08'),
            ('S2', 'T03'), ('S2', 'T05'), ('S2', 'T07'),
            ('S3', 'T06'), ('S3', 'T08'),
            ('S4', 'T10'), ('S4', 'T12'), ('S4', 'T13'), ('S4', 'T15'),
            ('X1', 'T05'), ('X1', 'T06'),
            ('X2', 'T05'), ('X2', 'T07'),
            ('X3', 'T06'), ('X3', 'T08'),
            ('X4', 'T01'), ('X4', 'T03'),
            ('X5', 'T01'), ('X5', 'T04'), ('X5', 'T05'),
            ('X6', 'T05'), ('X6', 'T10'),
            ('X7', 'T06'), ('X7', 'T13'),
            ('X8', 'T05'), ('X8', 'T06'), ('X8', 'T12'),
            ('X9', 'T01'), ('X9', 'T10'), ('X9', 'T14'), ('X9', 'T15'),
            ('X10', 'T01'), ('X10', 'T06')
    ) as requirement (rule_id, table_id)

),

final as (

    select
        requirements.rule_id,
        department_years.file_sha256,
        department_years.fiscal_year,
        department_years.department_code,
        requirements.table_id || ':missing' as comparison_key,
        'equal' as comparison_kind,
        'yuan' as value_unit,
        cast(null as decimal(18, 2)) as expected_yuan,
        cast(null as decimal(18, 2)) as actual_yuan,
        0 as wan_yuan_terms,
        cast(0 as decimal(18, 2)) as extra_tolerance_yuan,
        false as evaluable,
        'table ' || requirements.table_id || ' missing from the workbook' as not_evaluable_reason,
        cast(null as varchar) as expected_cells,
        cast(null as varchar) as actual_cells
    from department_years
    cross join requirements
    where not exists (
        select 1
        from tables
        where tables.file_sha256 = department_years.file_sha256
            and tables.table_id = requirements.table_id
    )

)

select * from final
