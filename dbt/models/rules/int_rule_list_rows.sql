{{ config(schema='intermediate', materialized='view') }}

-- Rows of the list tables (表10, 表12, 表13, 表15) with their role in S4, X6, X8, X9:
--   total     the 合计 / 金额合计 row
--   unit      a row carrying a unit code (表10/表13 code; 表12 unit_code attribute)
--   line      a project (表10), procurement item (表12) or task (表15)
-- 表10 lines are the uncoded rows with a 项目简介 where any row has one (category rows such
-- as 专用项目 carry none), else every uncoded row. 表12 lines are rows with a department
-- economic code, or without a unit code.

with

cells as (

    select * from {{ rule_cells() }}
    where table_id in ('T10', 'T12', 'T13', 'T15')

),

attributes as (

    select * from {{ source('raw', 'row_attributes') }}

),

row_attributes as (

    select
        file_sha256,
        table_id,
        section,
        row_number,
        max(case when attribute = 'description' then nullif(trim(value_text), '') end)
            as description,
        max(case when attribute = 'unit_code' then nullif(trim(value_text), '') end)
            as unit_code,
        max(case when attribute = 'dept_econ_code' then nullif(trim(value_text), '') end)
            as dept_econ_code
    from attributes
    where table_id in ('T10', 'T12', 'T13', 'T15')
    group by file_sha256, table_id, section, row_number

),

joined as (

    select
        cells.*,
        row_attributes.description,
        row_attributes.unit_code,
        row_attributes.dept_econ_code,
        cells.code is null
            and (cells.row_kind = 'total' or cells.label_key in ('合计', '总计', '金额合计'))
            as is_total_row
    from cells
    left join row_attributes
        on cells.file_sha256 = row_attributes.file_sha256
        and cells.table_id = row_attributes.table_id
        and cells.section = row_attributes.section
        and cells.row_number = row_attributes.row_number

),

described as (

    select file_sha256, bool_or(description is not null) as has_descriptions
    from joined
    where table_id = 'T10'
    group by file_sha256

),

final as (

    select
        joined.*,
        case
            when joined.is_total_row then 'total'
            when joined.table_id = 'T10' and joined.code is not null then 'unit'
            when joined.table_id = 'T10'
                and (joined.description is not null or not described.has_descriptions)
                then 'line'
            when joined.table_id = 'T12' and joined.dept_econ_code is not null then 'line'
            when joined.table_id = 'T12' and joined.unit_code is not null then 'unit'
            when joined.table_id = 'T12' then 'line'
            when joined.table_id = 'T13' and joined.code is not null then 'unit'
            when joined.table_id = 'T15' and joined.section = 'tasks' then 'line'
        end as list_role,
        case
            when joined.table_id = 'T12' then joined.unit_code
            else joined.code
        end as unit_code_of_row
    from joined
    left join described
        on joined.file_sha256 = described.file_sha256

)

select * from final
