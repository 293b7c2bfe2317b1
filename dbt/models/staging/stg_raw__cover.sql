with

source as (

    select * from {{ source('raw', 'cover') }}

),

renamed as (

    select
        cast(file_sha256 as varchar) as file_sha256,
        cast(department_name_raw as varchar) as department_name_raw,
        cast(secrecy_review as varchar) as secrecy_review,
        cast(head_signoff as varchar) as head_signoff,
        cast(cell_ref as varchar) as cell_ref

    from source

)

select * from renamed
