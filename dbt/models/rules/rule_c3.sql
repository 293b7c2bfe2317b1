{{ config(schema='quality', materialized='view') }}

-- C3 codes are well formed and fit their parent: function codes 3/5/7 digits (表3, 表5, 表7,
-- 表12), department and government economic codes 3/5 digits (表6, 表8, 表12), and in the
-- hierarchical tables a 款/项 row follows a row of its parent code. One row per table and
-- code kind: expected 0 bad codes, actual the number found, cells the bad ones.

with

department_years as (

    select * from {{ ref('int_rule_department_years') }}

),

table_rows as (

    select * from {{ source('raw', 'table_rows') }}

),

attributes as (

    select * from {{ source('raw', 'row_attributes') }}

),

kinds as (

    select *
    from (
        values
            ('T03', 'code', '^[0-9]{3}([0-9]{2}([0-9]{2})?)?$', true),
            ('T05', 'code', '^[0-9]{3}([0-9]{2}([0-9]{2})?)?$', true),
            ('T07', 'code', '^[0-9]{3}([0-9]{2}([0-9]{2})?)?$', true),
            ('T06', 'code', '^[0-9]{3}([0-9]{2})?$', true),
            ('T08', 'code', '^[0-9]{3}([0-9]{2})?$', true),
            ('T12', 'code', '^[0-9]{3}([0-9]{2}([0-9]{2})?)?$', false),
            ('T06', 'gov_econ_code', '^[0-9]{3}([0-9]{2})?$', false),
            ('T08', 'gov_econ_code', '^[0-9]{3}([0-9]{2})?$', false),
            ('T12', 'gov_econ_code', '^[0-9]{3}([0-9]{2})?$', false),
            ('T12', 'dept_econ_code', '^[0-9]{3}([0-9]{2})?$', false)
    ) as kind (table_id, code_kind, pattern, is_hierarchy)

),

codes as (

    select
        table_rows.file_sha256,
        cast(table_rows.table_id as varchar) as table_id,
        'code' as code_kind,
        cast(table_rows.row_number as integer) as row_number,
        trim(cast(table_rows.code as varchar)) as code_value,
        cast(table_rows.cell_ref as varchar) as cell_ref
    from table_rows
    where nullif(trim(table_rows.code), '') is not null and table_rows.section = 'main'

    union all

    select
        attributes.file_sha256,
        cast(attributes.table_id as varchar),
        cast(attributes.attribute as varchar),
        cast(attributes.row_number as integer),
        trim(cast(attributes.value_text as varchar)),
        cast(attributes.cell_ref as varchar)
    from attributes
    where attributes.attribute in ('gov_econ_code', 'dept_econ_code')
        and nullif(trim(attributes.value_text), '') is not null

),

checked as (

    select
        codes.*,
        kinds.is_hierarchy,
        not {{ fully_matches_regex('codes.code_value', 'kinds.pattern') }} as is_malformed
    from codes
    inner join kinds
        on codes.table_id = kinds.table_id
        and codes.code_kind = kinds.code_kind
    where codes.file_sha256 in (select file_sha256 from department_years)

),

with_parent as (

    -- the nearest earlier row with a shorter code is the parent the layout shows
    select
        child.*,
        (
            select parent.code_value
            from checked as parent
            where parent.file_sha256 = child.file_sha256
                and parent.table_id = child.table_id
                and parent.code_kind = child.code_kind
                and parent.row_number < child.row_number
                and length(parent.code_value) < length(child.code_value)
            order by parent.row_number desc
            limit 1
        ) as shown_parent
    from checked as child

),

flagged as (

    select
        *,
        is_malformed
            or (is_hierarchy and length(code_value) > 3
                and (shown_parent is null or not starts_with(code_value, shown_parent)))
            as is_bad
    from with_parent

),

final as (

    select
        'C3' as rule_id,
        department_years.file_sha256,
        department_years.fiscal_year,
        department_years.department_code,
        flagged.table_id || ':' || flagged.code_kind as comparison_key,
        'equal' as comparison_kind,
        'count' as value_unit,
        cast(0 as decimal(18, 2)) as expected_yuan,
        cast(count(*) filter (where flagged.is_bad) as decimal(18, 2)) as actual_yuan,
        0 as wan_yuan_terms,
        cast(0 as decimal(18, 2)) as extra_tolerance_yuan,
        true as evaluable,
        cast(null as varchar) as not_evaluable_reason,
        cast(null as varchar) as expected_cells,
        string_agg(flagged.cell_ref || '=' || flagged.code_value, ',' order by flagged.row_number)
            filter (where flagged.is_bad) as actual_cells
    from flagged
    inner join department_years
        on flagged.file_sha256 = department_years.file_sha256
    group by
        department_years.file_sha256,
        department_years.fiscal_year,
        department_years.department_code,
        flagged.table_id,
        flagged.code_kind

)

select * from final
