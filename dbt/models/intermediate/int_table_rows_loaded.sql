-- Rows of loaded files only, with the file's fiscal year and department.
with

disclosure_files as (

    select * from {{ ref('stg_raw__disclosure_files') }}

),

table_rows as (

    select * from {{ ref('stg_raw__table_rows') }}

),

loaded_files as (

    select
        file_sha256,
        fiscal_year,
        department_code

    from disclosure_files
    where status = 'loaded'

),

final as (

    select
        loaded_files.fiscal_year,
        loaded_files.department_code,
        table_rows.file_sha256,
        table_rows.table_id,
        table_rows.section,
        table_rows.row_number,
        {{ source_row_key('table_rows') }} as source_row_key,
        table_rows.row_kind,
        table_rows.code,
        table_rows.code_level,
        table_rows.label,
        table_rows.cell_ref as row_cell_ref

    from table_rows
    inner join loaded_files
        on table_rows.file_sha256 = loaded_files.file_sha256

)

select * from final
