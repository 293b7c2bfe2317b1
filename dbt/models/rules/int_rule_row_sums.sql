{{ config(schema='intermediate', materialized='view') }}

-- Sums along a row: a target column equals the sum of its component columns on the same
-- row (S1 on 表3/表5–表8, and the row part of S4 on 表13/表15). A column a layout does not
-- print counts as zero; a row without any component column cannot be evaluated.

with

cells as (

    select * from {{ rule_cells() }}

),

formulas as (

    select *
    from (
        values
            ('S1', 'T05', 'main', 'total', 'personnel', 1),
            ('S1', 'T05', 'main', 'total', 'public', 2),
            ('S1', 'T05', 'main', 'total', 'project', 3),
            ('S1', 'T06', 'main', 'total', 'personnel', 1),
            ('S1', 'T06', 'main', 'total', 'public', 2),
            ('S1', 'T06', 'main', 'total', 'project', 3),
            ('S1', 'T07', 'main', 'total', 'personnel', 1),
            ('S1', 'T07', 'main', 'total', 'public', 2),
            ('S1', 'T08', 'main', 'total', 'personnel', 1),
            ('S1', 'T08', 'main', 'total', 'public', 2),
            ('S1', 'T03', 'main', 'basic_subtotal', 'personnel', 1),
            ('S1', 'T03', 'main', 'basic_subtotal', 'public', 2),
            ('S1', 'T03', 'main', 'total', 'basic_subtotal', 1),
            ('S1', 'T03', 'main', 'total', 'project', 2),
            ('S1', 'T03', 'main', 'total', 'remit_superior', 3),
            ('S1', 'T03', 'main', 'total', 'operating', 4),
            ('S1', 'T03', 'main', 'total', 'subsidy_affiliated', 5),
            ('S4', 'T13', 'main', 'total', 'overseas_travel', 1),
            ('S4', 'T13', 'main', 'total', 'vehicle_total', 2),
            ('S4', 'T13', 'main', 'total', 'reception', 3),
            ('S4', 'T13', 'main', 'total', 'meeting', 4),
            ('S4', 'T13', 'main', 'total', 'training', 5),
            ('S4', 'T13', 'main', 'vehicle_total', 'vehicle_purchase', 1),
            ('S4', 'T13', 'main', 'vehicle_total', 'vehicle_operation', 2),
            ('S4', 'T15', 'tasks', 'total', 'fiscal', 1),
            ('S4', 'T15', 'tasks', 'total', 'other', 2)
    ) as formula (rule_id, table_id, section, target_measure, component_measure, seq)

),

targets as (

    select distinct
        formulas.rule_id,
        cells.file_sha256,
        cells.fiscal_year,
        cells.department_code,
        cells.table_id,
        cells.section,
        cells.row_number,
        cells.code,
        cells.label_key,
        cells.measure as target_measure,
        cells.amount_yuan,
        cells.is_withheld,
        cells.wan_yuan_terms,
        cells.cell_ref
    from cells
    inner join formulas
        on cells.table_id = formulas.table_id
        and cells.section = formulas.section
        and cells.measure = formulas.target_measure

),

components as (

    -- grouped by the whole target row (one per cell: int_rule_cells has one row per file,
    -- table, section, row and measure), so no second join back to the targets is needed;
    -- PostgreSQL's planner misjudged that join's size and chose a nested loop (minutes)
    select
        targets.rule_id,
        targets.file_sha256,
        targets.fiscal_year,
        targets.department_code,
        targets.table_id,
        targets.section,
        targets.row_number,
        targets.code,
        targets.label_key,
        targets.target_measure,
        targets.amount_yuan as target_amount_yuan,
        targets.is_withheld as target_is_withheld,
        targets.wan_yuan_terms as target_wan_yuan_terms,
        targets.cell_ref as target_cell_ref,
        count(cells.cell_ref) as cell_count,
        coalesce(bool_or(cells.is_withheld), false) as is_withheld,
        coalesce(sum(cells.amount_yuan), 0) as amount_yuan,
        coalesce(sum(cells.wan_yuan_terms), 0) as wan_yuan_terms,
        string_agg(cells.cell_ref, ',' order by formulas.seq) as cells
    from targets
    inner join formulas
        on targets.rule_id = formulas.rule_id
        and targets.table_id = formulas.table_id
        and targets.section = formulas.section
        and targets.target_measure = formulas.target_measure
    left join cells
        on targets.file_sha256 = cells.file_sha256
        and targets.table_id = cells.table_id
        and targets.section = cells.section
        and targets.row_number = cells.row_number
        and formulas.component_measure = cells.measure
    group by
        targets.rule_id,
        targets.file_sha256,
        targets.fiscal_year,
        targets.department_code,
        targets.table_id,
        targets.section,
        targets.row_number,
        targets.code,
        targets.label_key,
        targets.target_measure,
        targets.amount_yuan,
        targets.is_withheld,
        targets.wan_yuan_terms,
        targets.cell_ref

),

compared as (

    select
        rule_id,
        file_sha256,
        fiscal_year,
        department_code,
        table_id || ':r' || row_number || ':'
            || coalesce(code, nullif(label_key, ''), '-')
            || ':' || target_measure as comparison_key,
        'equal' as comparison_kind,
        'yuan' as value_unit,
        amount_yuan as expected_yuan,
        target_amount_yuan as actual_yuan,
        wan_yuan_terms + target_wan_yuan_terms as wan_yuan_terms,
        cast(0 as decimal(18, 2)) as extra_tolerance_yuan,
        case
            when cell_count = 0 then 'no component columns on this row'
            when is_withheld or target_is_withheld then 'withheld value (**)'
        end as not_evaluable_reason,
        cells as expected_cells,
        target_cell_ref as actual_cells
    from components

),

final as (

    select
        {{ rule_comparison_columns() }}
    from compared

)

select * from final
