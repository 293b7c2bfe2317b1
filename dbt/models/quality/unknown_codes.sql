-- Codes printed in a disclosure that are neither in that year's reference list nor named
-- in the crosswalk for that year (a crosswalk to_code is known from to_year on, a from_code
-- up to from_year). The reference lists are partial (see seeds/README.md): a row here asks
-- a human to look; 'malformed' rows (not 3/5/7 digits) are errors of the workbook (rule C3).
with

printed_codes as (

    select * from {{ ref('int_codes_printed') }}

),

reference_codes as (

    select * from {{ ref('int_reference_codes_by_year') }}

),

crosswalk as (

    select * from {{ ref('code_crosswalk') }}

),

crosswalk_codes as (

    select scheme, from_code as code, cast(null as integer) as known_from, from_year as known_until
    from crosswalk
    where from_code is not null and from_code <> ''

    union all

    select scheme, to_code as code, to_year as known_from, cast(null as integer) as known_until
    from crosswalk
    where to_code is not null and to_code <> ''

),

final as (

    select
        printed_codes.fiscal_year,
        printed_codes.scheme,
        printed_codes.code,
        printed_codes.department_code,
        printed_codes.table_id,
        printed_codes.source_row_key,
        printed_codes.printed_name,
        case
            when translate(printed_codes.code, '0123456789', '') <> ''
                or length(printed_codes.code) not in (3, 5, 7)
                or (printed_codes.scheme <> 'function' and length(printed_codes.code) = 7)
                then 'malformed'
            else 'not_in_code_list'
        end as reason

    from printed_codes
    left join reference_codes
        on printed_codes.fiscal_year = reference_codes.fiscal_year
        and printed_codes.scheme = reference_codes.scheme
        and printed_codes.code = reference_codes.code
    where reference_codes.code is null
        and not exists (
            select 1
            from crosswalk_codes
            where crosswalk_codes.scheme = printed_codes.scheme
                and crosswalk_codes.code = printed_codes.code
                and (crosswalk_codes.known_from is null
                    or crosswalk_codes.known_from <= printed_codes.fiscal_year)
                and (crosswalk_codes.known_until is null
                    or crosswalk_codes.known_until >= printed_codes.fiscal_year)
        )

)

select * from final
