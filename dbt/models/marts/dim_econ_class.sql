-- 支出经济分类科目 per fiscal year, both schemes: department (部门预算, 301/30101 …) and
-- government (政府预算, 501/50501 …). The reference list plus every well-formed code printed
-- in 表6/表8/表12 (with or without a name beside it) and the 类 it implies, so every code a
-- fact or mart carries has its row here (the facts' foreign keys rely on it); the reference
-- name wins, otherwise the name printed most often.
with

reference_codes as (

    select * from {{ ref('int_reference_codes_by_year') }}
    where scheme in ('department', 'government')

),

printed_codes as (

    select * from {{ ref('int_codes_printed') }}
    where scheme in ('department', 'government')
        and length(code) in (3, 5)
        and translate(code, '0123456789', '') = ''

),

printed_name_counts as (

    select
        fiscal_year,
        scheme,
        code,
        normalised_name,
        count(*) as times_printed

    from printed_codes
    where printed_name is not null
    group by fiscal_year, scheme, code, normalised_name

),

printed_names_ranked as (

    select
        fiscal_year,
        scheme,
        code,
        normalised_name,
        row_number() over (
            partition by fiscal_year, scheme, code
            order by times_printed desc, normalised_name
        ) as name_rank

    from printed_name_counts

),

printed_names as (

    select fiscal_year, scheme, code, normalised_name
    from printed_names_ranked
    where name_rank = 1

),

printed_and_implied_codes as (

    select fiscal_year, scheme, code from printed_codes
    union
    select fiscal_year, scheme, substr(code, 1, 3) as code from printed_codes
    where length(code) = 5

),

all_codes as (

    select fiscal_year, scheme, code from reference_codes
    union
    select fiscal_year, scheme, code from printed_and_implied_codes

),

final as (

    select
        cast(all_codes.fiscal_year as integer) as fiscal_year,
        cast(all_codes.scheme as varchar) as scheme,
        cast(all_codes.code as varchar) as econ_code,
        cast(coalesce(reference_codes.reference_name, printed_names.normalised_name) as varchar)
            as econ_name,
        cast(case length(all_codes.code) when 3 then 1 when 5 then 2 end as integer) as class_level,
        cast(case when length(all_codes.code) = 5 then substr(all_codes.code, 1, 3) end as varchar)
            as parent_code,
        cast(case when reference_codes.code is not null then 'reference' else 'disclosure' end as varchar)
            as name_source

    from all_codes
    left join reference_codes
        on all_codes.fiscal_year = reference_codes.fiscal_year
        and all_codes.scheme = reference_codes.scheme
        and all_codes.code = reference_codes.code
    left join printed_names
        on all_codes.fiscal_year = printed_names.fiscal_year
        and all_codes.scheme = printed_names.scheme
        and all_codes.code = printed_names.code

)

select * from final
