-- S2 表5: 合计 row = Σ 类, 类 = Σ its 款, 款 = Σ its 项 (total column).
with

t05_rows as (select * from {{ ref('int_t05_rows_pivoted') }}),
disclosure_tables as (select * from {{ ref('stg_raw__disclosure_tables') }}),

parents as (

    select * from t05_rows
    where (row_kind = 'total' and code is null) or length(code) in (3, 5)

),

children as (

    select * from t05_rows
    where row_kind = 'line' and length(code) in (3, 5, 7)

),

sums as (

    select
        parents.fiscal_year,
        parents.department_code,
        parents.file_sha256,
        parents.source_row_key,
        parents.code,
        parents.total_yuan,
        sum(coalesce(children.total_yuan, 0)) as children_total_yuan,
        count(children.source_row_key) as child_count

    from parents
    left join children
        on parents.file_sha256 = children.file_sha256
        and (
            (parents.code is null and length(children.code) = 3)
            or (length(children.code) = length(parents.code) + 2
                and substr(children.code, 1, length(parents.code)) = parents.code)
        )
    group by
        parents.fiscal_year, parents.department_code, parents.file_sha256,
        parents.source_row_key, parents.code, parents.total_yuan

),

compared as (

    select
        sums.*,
        {{ amount_tolerance('disclosure_tables.unit_multiplier', 'sums.child_count + 1') }}
            as tolerance_yuan

    from sums
    left join disclosure_tables
        on sums.file_sha256 = disclosure_tables.file_sha256
        and disclosure_tables.table_id = 'T05'

)

select * from compared
where child_count > 0
    and abs(coalesce(total_yuan, 0) - children_total_yuan) > tolerance_yuan
