{{ config(schema='quality', materialized='view') }}

-- S4 list totals: 表10, 表12 (amount and quantity), 表13, 表15: the 合计 row = Σ lines
-- (表10, 表12, 表15) or Σ the top unit rows (表10, 表13); a unit row = Σ its sub-units;
-- plus the row sums of 表13 (合计 = 出国 + 车辆 + 接待 + 会议 + 培训) and 表15 tasks.

with

list_rows as (

    select * from {{ ref('int_rule_list_rows') }}
    where table_id in ('T10', 'T12', 'T13', 'T15')
        and (table_id <> 'T15' or section = 'tasks')

),

row_sums as (

    select * from {{ ref('int_rule_row_sums') }}
    where rule_id = 'S4'

),

totals as (

    select * from list_rows where list_role = 'total'

),

line_sums as (

    select
        file_sha256,
        table_id,
        measure,
        {{ summed_cells() }}
    from list_rows
    where list_role = 'line' and table_id in ('T10', 'T12', 'T15')
    group by file_sha256, table_id, measure

),

units as (

    select * from list_rows
    where list_role = 'unit' and unit_code_of_row is not null and table_id in ('T10', 'T13')

),

shortest as (

    select file_sha256, table_id, min(length(unit_code_of_row)) as code_length
    from units
    group by file_sha256, table_id

),

top_unit_sums as (

    select
        units.file_sha256,
        units.table_id,
        units.measure,
        {{ summed_cells('units') }}
    from units
    inner join shortest
        on units.file_sha256 = shortest.file_sha256
        and units.table_id = shortest.table_id
        and length(units.unit_code_of_row) = shortest.code_length
    group by units.file_sha256, units.table_id, units.measure

),

sub_unit_sums as (

    select
        parent.file_sha256,
        parent.table_id,
        parent.row_number,
        parent.measure,
        {{ summed_cells('child') }}
    from units as parent
    inner join units as child
        on parent.file_sha256 = child.file_sha256
        and parent.table_id = child.table_id
        and parent.measure = child.measure
        and length(child.unit_code_of_row) > length(parent.unit_code_of_row)
        and starts_with(child.unit_code_of_row, parent.unit_code_of_row)
        and length(child.unit_code_of_row) = (
            select min(length(other.unit_code_of_row))
            from units as other
            where other.file_sha256 = parent.file_sha256
                and other.table_id = parent.table_id
                and length(other.unit_code_of_row) > length(parent.unit_code_of_row)
                and starts_with(other.unit_code_of_row, parent.unit_code_of_row)
        )
    group by parent.file_sha256, parent.table_id, parent.row_number, parent.measure

),

compared as (

    select
        totals.file_sha256, totals.fiscal_year, totals.department_code,
        totals.table_id || ':合计:' || totals.measure || ':Σ lines' as comparison_key,
        case when totals.measure = 'quantity' then 'count' else 'yuan' end as value_unit,
        line_sums.amount_yuan as expected_yuan,
        totals.amount_yuan as actual_yuan,
        line_sums.wan_yuan_terms + totals.wan_yuan_terms as wan_yuan_terms,
        line_sums.is_withheld or totals.is_withheld as is_withheld,
        line_sums.cells as expected_cells,
        totals.cell_ref as actual_cells
    from totals
    inner join line_sums
        on totals.file_sha256 = line_sums.file_sha256
        and totals.table_id = line_sums.table_id
        and totals.measure = line_sums.measure

    union all

    select
        totals.file_sha256, totals.fiscal_year, totals.department_code,
        totals.table_id || ':合计:' || totals.measure || ':Σ units',
        case when totals.measure = 'quantity' then 'count' else 'yuan' end,
        top_unit_sums.amount_yuan,
        totals.amount_yuan,
        top_unit_sums.wan_yuan_terms + totals.wan_yuan_terms,
        top_unit_sums.is_withheld or totals.is_withheld,
        top_unit_sums.cells,
        totals.cell_ref
    from totals
    inner join top_unit_sums
        on totals.file_sha256 = top_unit_sums.file_sha256
        and totals.table_id = top_unit_sums.table_id
        and totals.measure = top_unit_sums.measure

    union all

    select
        units.file_sha256, units.fiscal_year, units.department_code,
        units.table_id || ':' || units.unit_code_of_row || ':' || units.measure || ':Σ units',
        case when units.measure = 'quantity' then 'count' else 'yuan' end,
        sub_unit_sums.amount_yuan,
        units.amount_yuan,
        sub_unit_sums.wan_yuan_terms + units.wan_yuan_terms,
        sub_unit_sums.is_withheld or units.is_withheld,
        sub_unit_sums.cells,
        units.cell_ref
    from units
    inner join sub_unit_sums
        on units.file_sha256 = sub_unit_sums.file_sha256
        and units.table_id = sub_unit_sums.table_id
        and units.row_number = sub_unit_sums.row_number
        and units.measure = sub_unit_sums.measure

),

final as (

    select
        'S4' as rule_id, file_sha256, fiscal_year, department_code, comparison_key,
        'equal' as comparison_kind, value_unit, expected_yuan, actual_yuan,
        case when value_unit = 'count' then 0 else wan_yuan_terms end as wan_yuan_terms,
        cast(0 as decimal(18, 2)) as extra_tolerance_yuan,
        not is_withheld as evaluable,
        case when is_withheld then 'withheld value (**)' end as not_evaluable_reason,
        expected_cells, actual_cells
    from compared
    union all
    select * from row_sums

)

select * from final
