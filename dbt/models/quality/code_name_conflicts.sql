-- Codes printed with a name that contradicts the reference list, or that different
-- departments print with different names in the same year (brackets and spaces unified).
with

printed_codes as (

    select * from {{ ref('int_codes_printed') }}
    where printed_name is not null

),

reference_codes as (

    select * from {{ ref('int_reference_codes_by_year') }}

),

differs_from_reference as (

    select
        printed_codes.fiscal_year,
        printed_codes.scheme,
        printed_codes.code,
        printed_codes.department_code,
        printed_codes.table_id,
        printed_codes.source_row_key,
        printed_codes.printed_name,
        reference_codes.reference_name,
        'differs_from_reference' as conflict_type

    from printed_codes
    inner join reference_codes
        on printed_codes.fiscal_year = reference_codes.fiscal_year
        and printed_codes.scheme = reference_codes.scheme
        and printed_codes.code = reference_codes.code
    where printed_codes.normalised_name <> reference_codes.normalised_name

),

names_per_code as (

    select
        fiscal_year,
        scheme,
        code

    from printed_codes
    group by fiscal_year, scheme, code
    having count(distinct normalised_name) > 1
        and count(distinct department_code) > 1

),

differs_between_departments as (

    select
        printed_codes.fiscal_year,
        printed_codes.scheme,
        printed_codes.code,
        printed_codes.department_code,
        printed_codes.table_id,
        printed_codes.source_row_key,
        printed_codes.printed_name,
        reference_codes.reference_name,
        'differs_between_departments' as conflict_type

    from printed_codes
    inner join names_per_code
        on printed_codes.fiscal_year = names_per_code.fiscal_year
        and printed_codes.scheme = names_per_code.scheme
        and printed_codes.code = names_per_code.code
    left join reference_codes
        on printed_codes.fiscal_year = reference_codes.fiscal_year
        and printed_codes.scheme = reference_codes.scheme
        and printed_codes.code = reference_codes.code

),

final as (

    select * from differs_from_reference
    union all
    select * from differs_between_departments

)

select * from final
