{{ config(schema='intermediate', materialized='incremental', incremental_strategy='append',
          on_schema_change='fail', pre_hook="{{ delete_load_scope() }}") }}

-- Every amount cell of a loaded disclosure with its row identity, in one long relation the
-- rule models read. label_key unifies brackets, colons and whitespace for matching labels;
-- numbering_level is read from the printed numbering, which the parser strips from label:
-- 1 for 一、, 2 for 1、, 3 for （1）, 9 for a 其中 line.

with

amounts as (

    select * from {{ source('raw', 'amounts') }}

),

table_rows as (

    select * from {{ source('raw', 'table_rows') }}

),

department_years as (

    -- an incremental run joins the raw cells of the scope's files only
    select * from {{ ref('int_rule_department_years') }}
    {{ where_in_load_scope() }}

),

joined as (

    select
        department_years.file_sha256,
        department_years.fiscal_year,
        department_years.department_code,
        cast(amounts.table_id as varchar) as table_id,
        cast(amounts.section as varchar) as section,
        cast(amounts.row_number as integer) as row_number,
        cast(table_rows.row_kind as varchar) as row_kind,
        nullif(trim(cast(table_rows.code as varchar)), '') as code,
        cast(table_rows.label as varchar) as label,
        cast(table_rows.label_raw as varchar) as label_raw,
        cast(amounts.measure as varchar) as measure,
        cast(amounts.value as decimal(18, 2)) as amount_yuan,
        coalesce(cast(amounts.is_blank as boolean), false) as is_blank,
        coalesce(cast(amounts.is_withheld as boolean), false)
            or amounts.value is null as is_withheld,
        coalesce(cast(amounts.unit_multiplier as integer), 1) = 10000 as is_wan_yuan,
        cast(amounts.cell_ref as varchar) as cell_ref
    from amounts
    inner join department_years
        on amounts.file_sha256 = department_years.file_sha256
    left join table_rows
        on amounts.file_sha256 = table_rows.file_sha256
        and amounts.table_id = table_rows.table_id
        and amounts.section = table_rows.section
        and amounts.row_number = table_rows.row_number

),

final as (

    select
        *,
        case
            when code is null then null
            when length(code) = 3 then 1
            when length(code) = 5 then 2
            when length(code) = 7 then 3
        end as code_level,
        replace(replace(replace(replace(replace(
            regexp_replace(coalesce(label, ''), '\s', '', 'g'),
            '(', '（'), ')', '）'), ':', '：'), '“', ''), '”', '') as label_key,
        case
            when {{ matches_regex("coalesce(label_raw, '')", "'^\\s*其中'") }} then 9
            when {{ matches_regex("coalesce(label_raw, '')", "'^\\s*[一二三四五六七八九十]+\\s*[、.．]'") }}
                then 1
            when {{ matches_regex("coalesce(label_raw, '')", "'^\\s*[0-9０-９]+\\s*[、.．]'") }} then 2
            when {{ matches_regex("coalesce(label_raw, '')", "'^\\s*[（(]\\s*[0-9０-９]+\\s*[）)]'") }} then 3
        end as numbering_level,
        -- a blank cell is an exact zero; only printed 万元 figures carry rounding
        case when is_wan_yuan and not is_blank then 1 else 0 end as wan_yuan_terms
    from joined

)

select * from final
{{ where_in_load_scope() }}
