{{ config(schema='quality', materialized='view') }}

-- X7 表13 合计 row vs 表6: 公务接待费 = 30217, 会议费 = 30215, 培训费 = 30216, 公务用车运行
-- = 30231, 因公出国(境) = 30212, 公务用车购置 = 31013 (a code absent from 表6 counts as 0).

with

present as (

    select file_sha256 from {{ ref('int_rule_tables') }} where table_id = 'T06'
    intersect
    select file_sha256 from {{ ref('int_rule_tables') }} where table_id = 'T13'

),

items as (

    select *
    from (
        values
            ('reception', '30217'), ('meeting', '30215'), ('training', '30216'),
            ('vehicle_operation', '30231'), ('overseas_travel', '30212'),
            ('vehicle_purchase', '31013')
    ) as item (measure, econ_code)

),

t13_total as (

    select
        cells.file_sha256,
        cells.fiscal_year,
        cells.department_code,
        cells.measure,
        {{ summed_cells('cells') }}
    from {{ rule_cells('cells') }}
    where cells.table_id = 'T13' and cells.code is null
        and (cells.row_kind = 'total' or cells.label_key in ('合计', '总计'))
        and cells.file_sha256 in (select file_sha256 from present)
    group by cells.file_sha256, cells.fiscal_year, cells.department_code, cells.measure

),

t06 as (

    select * from {{ ref('int_rule_coded_amounts') }}
    where table_id = 'T06' and measure = 'total'

),

final as (

    select
        'X7' as rule_id,
        t13_total.file_sha256,
        t13_total.fiscal_year,
        t13_total.department_code,
        items.measure || '=' || items.econ_code as comparison_key,
        'equal' as comparison_kind,
        'yuan' as value_unit,
        coalesce(t06.amount_yuan, 0) as expected_yuan,
        t13_total.amount_yuan as actual_yuan,
        coalesce(t06.wan_yuan_terms, 0) + t13_total.wan_yuan_terms as wan_yuan_terms,
        cast(0 as decimal(18, 2)) as extra_tolerance_yuan,
        not (t13_total.is_withheld or coalesce(t06.is_withheld, false)) as evaluable,
        case
            when t13_total.is_withheld or t06.is_withheld then 'withheld value (**)'
        end as not_evaluable_reason,
        t06.cells as expected_cells,
        t13_total.cells as actual_cells
    from t13_total
    inner join items
        on t13_total.measure = items.measure
    left join t06
        on t13_total.file_sha256 = t06.file_sha256
        and items.econ_code = t06.row_key

)

select * from final
