{{ config(schema='quality', materialized='view') }}

-- X2 = 表5 in the 人员经费 and 公用经费 columns, code by code (function codes and 合计). A code
-- printed in only one table counts as zero in the other.

with

present as (

    select file_sha256 from {{ ref('int_rule_tables') }}
    where table_id = 'T05'
    intersect
    select file_sha256 from {{ ref('int_rule_tables') }}
    where table_id = 'T07'

),

amounts as (

    select * from {{ ref('int_rule_coded_amounts') }}
    where measure in ('personnel', 'public')
        and file_sha256 in (select file_sha256 from present)

),

reference_table as (select * from amounts where table_id = 'T05'),

checked_table as (select * from amounts where table_id = 'T07'),

joined as (

    select
        coalesce(reference_table.file_sha256, checked_table.file_sha256) as file_sha256,
        coalesce(reference_table.fiscal_year, checked_table.fiscal_year) as fiscal_year,
        coalesce(reference_table.department_code, checked_table.department_code)
            as department_code,
        coalesce(reference_table.row_key, checked_table.row_key) as row_key,
        coalesce(reference_table.measure, checked_table.measure) as measure,
        coalesce(reference_table.amount_yuan, 0) as expected_yuan,
        coalesce(checked_table.amount_yuan, 0) as actual_yuan,
        coalesce(reference_table.wan_yuan_terms, 0) + coalesce(checked_table.wan_yuan_terms, 0)
            as wan_yuan_terms,
        coalesce(reference_table.is_withheld, false) or coalesce(checked_table.is_withheld, false)
            as is_withheld,
        reference_table.cells as expected_cells,
        checked_table.cells as actual_cells
    from reference_table
    full outer join checked_table
        on reference_table.file_sha256 = checked_table.file_sha256
        and reference_table.row_key = checked_table.row_key
        and reference_table.measure = checked_table.measure

),

final as (

    select
        'X2' as rule_id,
        file_sha256,
        fiscal_year,
        department_code,
        row_key || ':' || measure as comparison_key,
        'equal' as comparison_kind,
        'yuan' as value_unit,
        expected_yuan,
        actual_yuan,
        wan_yuan_terms,
        cast(0 as decimal(18, 2)) as extra_tolerance_yuan,
        not is_withheld as evaluable,
        case when is_withheld then 'withheld value (**)' end as not_evaluable_reason,
        expected_cells,
        actual_cells
    from joined
    -- a code printed in one table only, with zeros, says nothing
    where expected_yuan <> 0 or actual_yuan <> 0
        or (expected_cells is not null and actual_cells is not null)

)

select * from final
