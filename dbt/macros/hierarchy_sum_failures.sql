{#- Rows of a coded hierarchy whose total differs from the sum of its children's totals:
    the 合计 row against the 类 (3-digit) rows, and each code against the codes one level
    below that start with it (code length + 2). `relations` is a list of refs whose rows have
    fiscal_year, department_code, file_sha256, table_id, source_row_key, row_kind, code and
    total_yuan. Tolerance per amount_tolerance(), from the table's unit. -#}
{% macro hierarchy_sum_failures(relations, child_lengths) %}

with

{% for relation in relations %}
table_rows_{{ loop.index }} as (

    select
        fiscal_year, department_code, file_sha256, table_id, source_row_key, row_kind,
        code, total_yuan
    from {{ relation }}

),
{% endfor %}

disclosure_tables as (

    select * from {{ ref('stg_raw__disclosure_tables') }}

),

table_rows as (

    {% for relation in relations %}
    select * from table_rows_{{ loop.index }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

parents as (

    select * from table_rows
    where (row_kind = 'total' and code is null)
        or length(code) in ({{ child_lengths[:-1] | join(', ') }})

),

children as (

    select * from table_rows
    where row_kind = 'line' and length(code) in ({{ child_lengths | join(', ') }})

),

sums as (

    select
        parents.fiscal_year,
        parents.department_code,
        parents.file_sha256,
        parents.table_id,
        parents.source_row_key,
        parents.code,
        parents.total_yuan,
        sum(coalesce(children.total_yuan, 0)) as children_total_yuan,
        count(children.source_row_key) as child_count

    from parents
    left join children
        on parents.file_sha256 = children.file_sha256
        and parents.table_id = children.table_id
        and (
            (parents.code is null and length(children.code) = {{ child_lengths[0] }})
            or (length(children.code) = length(parents.code) + 2
                and substr(children.code, 1, length(parents.code)) = parents.code)
        )
    group by
        parents.fiscal_year, parents.department_code, parents.file_sha256, parents.table_id,
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
        and sums.table_id = disclosure_tables.table_id

)

select * from compared
where child_count > 0
    and abs(coalesce(total_yuan, 0) - children_total_yuan) > tolerance_yuan

{% endmacro %}
