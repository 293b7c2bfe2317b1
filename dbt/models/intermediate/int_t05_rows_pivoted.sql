-- 表5 一般公共预算支出明细表（按支出功能分类科目）: one row per sheet row, measures as columns.
with

table_rows as (

    select * from {{ ref('int_table_rows_loaded') }}
    where table_id = 'T05' and section = 'main'

),

amounts as (

    select * from {{ ref('stg_raw__amounts') }}
    where table_id = 'T05' and section = 'main'

),

row_attributes as (

    select * from {{ ref('stg_raw__row_attributes') }}
    where table_id = 'T05' and section = 'main'

),

amounts_pivoted as (

    select
        file_sha256,
        row_number,
        {{ pivot_measures(['total', 'personnel', 'public', 'project']) }}

    from amounts
    group by file_sha256, row_number

),

attributes_pivoted as (

    select
        file_sha256,
        row_number,
        {{ pivot_attributes(['note']) }}

    from row_attributes
    group by file_sha256, row_number

),

final as (

    select
        table_rows.fiscal_year,
        table_rows.department_code,
        table_rows.file_sha256,
        table_rows.table_id,
        table_rows.section,
        table_rows.row_number,
        table_rows.source_row_key,
        table_rows.row_kind,
        table_rows.code,
        table_rows.code_level,
        table_rows.label,
        amounts_pivoted.total_yuan,
        amounts_pivoted.personnel_yuan,
        amounts_pivoted.public_yuan,
        amounts_pivoted.project_yuan,
        amounts_pivoted.total_cell_ref,
        amounts_pivoted.personnel_cell_ref,
        amounts_pivoted.public_cell_ref,
        amounts_pivoted.project_cell_ref,
        attributes_pivoted.note

    from table_rows
    left join amounts_pivoted
        on table_rows.file_sha256 = amounts_pivoted.file_sha256
        and table_rows.row_number = amounts_pivoted.row_number
    left join attributes_pivoted
        on table_rows.file_sha256 = attributes_pivoted.file_sha256
        and table_rows.row_number = attributes_pivoted.row_number

)

select * from final
