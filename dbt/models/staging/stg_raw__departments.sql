with

source as (

    select * from {{ source('raw', 'departments') }}

),

renamed as (

    select
        cast(department_code as varchar) as department_code,
        cast(department_name as varchar) as department_name,
        cast(aliases as varchar) as aliases

    from source

)

select * from renamed
