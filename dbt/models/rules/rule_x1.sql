{{ config(schema='quality', materialized='view') }}

-- X1 表5 合计 row = 表6 合计 row, column by column.

with

amounts as (

    select * from {{ ref('int_rule_coded_amounts') }}
    where row_key = '合计'

),

t05 as (select * from amounts where table_id = 'T05'),

t06 as (select * from amounts where table_id = 'T06'),

final as (

    select
        'X1' as rule_id,
        t05.file_sha256,
        t05.fiscal_year,
        t05.department_code,
        '合计:' || t05.measure as comparison_key,
        'equal' as comparison_kind,
        'yuan' as value_unit,
        t05.amount_yuan as expected_yuan,
        t06.amount_yuan as actual_yuan,
        t05.wan_yuan_terms + coalesce(t06.wan_yuan_terms, 0) as wan_yuan_terms,
        cast(0 as decimal(18, 2)) as extra_tolerance_yuan,
        t06.cell_count is not null and not (t05.is_withheld or t06.is_withheld) as evaluable,
        case
            when t06.cell_count is null then '表6 has no 合计 ' || t05.measure || ' cell'
            when t05.is_withheld or t06.is_withheld then 'withheld value (**)'
        end as not_evaluable_reason,
        t05.cells as expected_cells,
        t06.cells as actual_cells
    from t05
    left join t06
        on t05.file_sha256 = t06.file_sha256
        and t05.measure = t06.measure
    where t05.measure in ('total', 'personnel', 'public', 'project')

)

select * from final
