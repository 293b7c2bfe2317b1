{{ config(schema='intermediate', materialized='view') }}

-- Sums down a code hierarchy, per amount column: the 合计 row = Σ 类 rows, a 类 = Σ its 款,
-- a 款 = Σ its 项 (S2 on function codes of 表3/表5/表7, S3 on department economic codes of
-- 表6/表8). A child is a row one level down whose code starts with the parent's code; a
-- parent without children printed (a leaf 款) is not compared.

with

cells as (

    select * from {{ rule_cells() }}

),

hierarchies as (

    select *
    from (
        values
            ('S2', 'T03'), ('S2', 'T05'), ('S2', 'T07'),
            ('S3', 'T06'), ('S3', 'T08')
    ) as hierarchy (rule_id, table_id)

),

nodes as (

    select
        hierarchies.rule_id,
        cells.file_sha256,
        cells.fiscal_year,
        cells.department_code,
        cells.table_id,
        cells.row_number,
        cells.measure,
        cells.amount_yuan,
        cells.is_withheld,
        cells.wan_yuan_terms,
        cells.cell_ref,
        coalesce(cells.code, '') as node_code,
        case
            when cells.code is null
                and (cells.row_kind = 'total' or cells.label_key in ('合计', '总计'))
                then 0
            else cells.code_level
        end as node_level
    from cells
    inner join hierarchies
        on cells.table_id = hierarchies.table_id
    where cells.section = 'main'

),

children as (

    select
        parent.rule_id,
        parent.file_sha256,
        parent.table_id,
        parent.row_number,
        parent.measure,
        {{ summed_cells('child') }}
    from nodes as parent
    inner join nodes as child
        on parent.rule_id = child.rule_id
        and parent.file_sha256 = child.file_sha256
        and parent.table_id = child.table_id
        and parent.measure = child.measure
        and child.node_level = parent.node_level + 1
        and starts_with(child.node_code, parent.node_code)
    where parent.node_level is not null
    group by
        parent.rule_id,
        parent.file_sha256,
        parent.table_id,
        parent.row_number,
        parent.measure

),

compared as (

    select
        parent.rule_id,
        parent.file_sha256,
        parent.fiscal_year,
        parent.department_code,
        parent.table_id || ':' || coalesce(nullif(parent.node_code, ''), '合计')
            || ':' || parent.measure as comparison_key,
        'equal' as comparison_kind,
        'yuan' as value_unit,
        children.amount_yuan as expected_yuan,
        parent.amount_yuan as actual_yuan,
        children.wan_yuan_terms + parent.wan_yuan_terms as wan_yuan_terms,
        cast(0 as decimal(18, 2)) as extra_tolerance_yuan,
        case
            when children.is_withheld or parent.is_withheld then 'withheld value (**)'
        end as not_evaluable_reason,
        children.cells as expected_cells,
        parent.cell_ref as actual_cells
    from nodes as parent
    inner join children
        on parent.rule_id = children.rule_id
        and parent.file_sha256 = children.file_sha256
        and parent.table_id = children.table_id
        and parent.row_number = children.row_number
        and parent.measure = children.measure

),

final as (

    select
        {{ rule_comparison_columns() }}
    from compared

)

select * from final
