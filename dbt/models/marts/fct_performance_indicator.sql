{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail', pre_hook="{{ delete_load_scope() }}") }}

-- 表14 (per project) and 表15 (department as a whole) performance indicators: one row per
-- fiscal year, department, table and indicator, numbered in sheet order. Merged 一级/二级指标
-- cells are printed once per block, so blanks below are filled from the row above. The
-- indicator content is the indicator_content attribute or, where the parser keeps it as the
-- row label, the label.
with

t14_rows as (

    select * from {{ ref('int_t14_rows_pivoted') }}
    where section = 'indicators'

),

t15_rows as (

    select * from {{ ref('int_t15_rows_pivoted') }}
    where section = 'indicators'

),

indicator_rows as (

    select
        fiscal_year, department_code, file_sha256, table_id, row_number, source_row_key,
        project_name, indicator_level1, indicator_level2,
        coalesce(nullif(indicator_content, ''), label) as indicator_content,
        indicator_value
    from t14_rows

    union all

    select
        fiscal_year, department_code, file_sha256, table_id, row_number, source_row_key,
        cast(null as varchar) as project_name,
        indicator_level1, indicator_level2,
        coalesce(nullif(indicator_content, ''), label) as indicator_content,
        indicator_value
    from t15_rows

),

blocks as (

    select
        indicator_rows.*,
        count(nullif(project_name, '')) over (
            partition by file_sha256, table_id order by row_number
            rows between unbounded preceding and current row
        ) as project_block,
        count(nullif(indicator_level1, '')) over (
            partition by file_sha256, table_id order by row_number
            rows between unbounded preceding and current row
        ) as level1_block,
        count(nullif(indicator_level2, '')) over (
            partition by file_sha256, table_id order by row_number
            rows between unbounded preceding and current row
        ) as level2_block

    from indicator_rows

),

filled as (

    select
        fiscal_year,
        department_code,
        file_sha256,
        table_id,
        row_number,
        source_row_key,
        max(nullif(project_name, '')) over (
            partition by file_sha256, table_id, project_block
        ) as project_name,
        max(nullif(indicator_level1, '')) over (
            partition by file_sha256, table_id, level1_block
        ) as indicator_level1,
        max(nullif(indicator_level2, '')) over (
            partition by file_sha256, table_id, level2_block
        ) as indicator_level2,
        indicator_content,
        indicator_value

    from blocks

),

numbered as (

    select
        filled.*,
        row_number() over (partition by file_sha256, table_id order by row_number)
            as indicator_number

    from filled
    where indicator_content is not null and indicator_content <> ''

),

final as (

    select
        cast(fiscal_year as integer) as fiscal_year,
        cast(department_code as varchar) as department_code,
        cast(table_id as varchar) as table_id,
        cast(indicator_number as integer) as indicator_number,
        cast(project_name as varchar) as project_name,
        cast(indicator_level1 as varchar) as indicator_level1,
        cast(indicator_level2 as varchar) as indicator_level2,
        cast(indicator_content as varchar) as indicator_content,
        cast(indicator_value as varchar) as target_value,
        cast(file_sha256 as varchar) as file_sha256,
        cast(source_row_key as varchar) as source_row_key

    from numbered

)

select * from final
{{ where_in_load_scope() }}
