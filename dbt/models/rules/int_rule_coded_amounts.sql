{{ config(schema='intermediate', materialized='view') }}

-- Amounts of the coded tables (表3, 表5–表8) by row key (the code, or 合计 for the total
-- row) and column, for the cross-table rules. A code printed twice is summed.

with

cells as (

    select * from {{ rule_cells() }}
    where table_id in ('T03', 'T05', 'T06', 'T07', 'T08') and section = 'main'

),

keyed as (

    select
        *,
        case
            when code is not null then code
            when row_kind = 'total' or label_key in ('合计', '总计') then '合计'
        end as row_key
    from cells

),

final as (

    select
        file_sha256,
        fiscal_year,
        department_code,
        table_id,
        row_key,
        measure,
        {{ summed_cells() }}
    from keyed
    where row_key is not null
    group by file_sha256, fiscal_year, department_code, table_id, row_key, measure

)

select * from final
