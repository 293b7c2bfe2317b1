{{ config(schema='intermediate', materialized='view') }}

-- Sums in the numbered outlines of 表1/表4 (B2 on the income side, B3 on the expenditure
-- views): an item numbered 一、 / 1、 / （1） equals the sum of the items one level down that
-- follow it before the next item of its level or above ("1、财政拨款" = （1）+（2）+（3）;
-- "一、部门预算" = Σ "1、…"). 其中 lines are not children. Levels come from the printed
-- numbering (int_rule_cells.numbering_level).

with

items as (

    select * from {{ rule_cells() }}
    where table_id in ('T01', 'T04')
        and measure = 'amount'
        and numbering_level in (1, 2, 3)

),

pairs as (

    select
        parent.file_sha256,
        parent.table_id,
        parent.section,
        parent.row_number,
        child.row_number as child_row_number,
        child.amount_yuan as child_amount_yuan,
        child.is_withheld as child_is_withheld,
        child.wan_yuan_terms as child_wan_yuan_terms,
        child.cell_ref as child_cell_ref
    from items as parent
    inner join items as child
        on parent.file_sha256 = child.file_sha256
        and parent.table_id = child.table_id
        and parent.section = child.section
        and child.row_number > parent.row_number
        and child.numbering_level = parent.numbering_level + 1
    where not exists (
        select 1
        from items as boundary
        where boundary.file_sha256 = parent.file_sha256
            and boundary.table_id = parent.table_id
            and boundary.section = parent.section
            and boundary.row_number > parent.row_number
            and boundary.row_number < child.row_number
            and boundary.numbering_level <= parent.numbering_level
    )

),

children as (

    select
        file_sha256,
        table_id,
        section,
        row_number,
        bool_or(child_is_withheld) as is_withheld,
        sum(child_amount_yuan) as amount_yuan,
        sum(child_wan_yuan_terms) as wan_yuan_terms,
        string_agg(child_cell_ref, ',' order by child_row_number) as cells
    from pairs
    group by file_sha256, table_id, section, row_number

),

final as (

    select
        case when items.section = 'income' then 'B2' else 'B3' end as rule_id,
        items.file_sha256,
        items.fiscal_year,
        items.department_code,
        items.table_id || ':' || items.section || ':' || items.label_key as comparison_key,
        'equal' as comparison_kind,
        'yuan' as value_unit,
        children.amount_yuan as expected_yuan,
        items.amount_yuan as actual_yuan,
        children.wan_yuan_terms + items.wan_yuan_terms as wan_yuan_terms,
        cast(0 as decimal(18, 2)) as extra_tolerance_yuan,
        not (children.is_withheld or items.is_withheld) as evaluable,
        case
            when children.is_withheld or items.is_withheld then 'withheld value (**)'
        end as not_evaluable_reason,
        children.cells as expected_cells,
        items.cell_ref as actual_cells
    from items
    inner join children
        on items.file_sha256 = children.file_sha256
        and items.table_id = children.table_id
        and items.section = children.section
        and items.row_number = children.row_number

)

select * from final
