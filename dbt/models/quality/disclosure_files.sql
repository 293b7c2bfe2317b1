-- Every workbook seen and what became of it: what the finance bureau sends back.
with

disclosure_files as (

    select * from {{ ref('stg_raw__disclosure_files') }}

),

final as (

    select
        file_path,
        file_sha256,
        department_code,
        fiscal_year,
        status,
        message

    from disclosure_files

)

select * from final
