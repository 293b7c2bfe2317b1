{{ config(schema='quality', materialized='view') }}

-- B2 表1/表4 income: numbered outline sums (财政拨款 = 一般公共预算 + 政府性基金 + 国有资本经营;
-- 一、 = Σ 1、…), 本年收入合计 = Σ numbered sources, 收入总计 = 本年收入合计 + financing lines.

with

present as (

    select * from {{ ref('int_rule_tables') }}
    where table_id in ('T01', 'T04')

),

outline as (

    select * from {{ ref('int_rule_outline_sums') }}
    where rule_id = 'B2'

),

totals as (

    select * from {{ ref('int_rule_summary_totals') }}
    where section = 'income'

),

identities as (

    select *
    from (
        values
            ('numbered_lines', 'year_total', '本年收入合计 = Σ 收入来源'),
            ('year_total+income_financing', 'grand_total', '收入总计 = 本年收入合计 + 弥补/余额/结转')
    ) as identity (expected_kinds, actual_kind, identity_name)

),

expected_side as (

    select
        present.file_sha256,
        present.table_id,
        identities.expected_kinds,
        count(totals.cell_count) as kinds_found,
        sum(totals.cell_count) as cell_count,
        coalesce(bool_or(totals.is_withheld), false) as is_withheld,
        coalesce(sum(totals.amount_yuan), 0) as amount_yuan,
        coalesce(sum(totals.wan_yuan_terms), 0) as wan_yuan_terms,
        string_agg(totals.cells, ',' order by totals.cells) as cells,
        bool_or(totals.total_kind = 'numbered_lines' or totals.total_kind = 'year_total')
            as has_base
    from present
    cross join identities
    left join totals
        on present.file_sha256 = totals.file_sha256
        and present.table_id = totals.table_id
        and {{ delimited_list_contains('identities.expected_kinds', '+', 'totals.total_kind') }}
    group by present.file_sha256, present.table_id, identities.expected_kinds

),

compared as (

    select
        'B2' as rule_id,
        present.file_sha256,
        present.fiscal_year,
        present.department_code,
        present.table_id || ':income:' || identities.identity_name as comparison_key,
        'equal' as comparison_kind,
        'yuan' as value_unit,
        expected_side.amount_yuan as expected_yuan,
        actual_side.amount_yuan as actual_yuan,
        expected_side.wan_yuan_terms + coalesce(actual_side.wan_yuan_terms, 0)
            as wan_yuan_terms,
        cast(0 as decimal(18, 2)) as extra_tolerance_yuan,
        case
            when actual_side.cell_count is null then 'row ' || identities.actual_kind
                || ' not found in the income side'
            when actual_side.cell_count <> 1 then 'row ' || identities.actual_kind
                || ' found ' || actual_side.cell_count || ' times'
            when not coalesce(expected_side.has_base, false) then 'no numbered income lines '
                || 'or 本年收入合计 found'
            when expected_side.is_withheld or actual_side.is_withheld then 'withheld value (**)'
        end as not_evaluable_reason,
        expected_side.cells as expected_cells,
        actual_side.cells as actual_cells
    from present
    cross join identities
    inner join expected_side
        on present.file_sha256 = expected_side.file_sha256
        and present.table_id = expected_side.table_id
        and identities.expected_kinds = expected_side.expected_kinds
    left join totals as actual_side
        on present.file_sha256 = actual_side.file_sha256
        and present.table_id = actual_side.table_id
        and identities.actual_kind = actual_side.total_kind

),

final as (

    select
        {{ rule_comparison_columns() }}
    from compared
    union all
    select
        rule_id, file_sha256, fiscal_year, department_code, comparison_key, comparison_kind,
        value_unit, expected_yuan, actual_yuan, wan_yuan_terms, extra_tolerance_yuan,
        evaluable, not_evaluable_reason, expected_cells, actual_cells
    from outline

)

select * from final
