{{ config(schema='quality', materialized='view') }}

-- C3N a code printed with a name that contradicts that year's reference list (DOMAIN.md §4
-- C3: "warning when only the name differs"). Names are compared after normalise_name
-- (brackets full width, spaces dropped), as quality.code_name_conflicts compares them. The
-- lists are partial: a code absent from them is not counted here (quality.unknown_codes
-- lists it), nor a code printed without a name; malformed codes and parents are C3's. One
-- row per table and code column printed with names: expected 0 contradicting names, actual
-- the number found, actual_cells cell=code printed name≠reference name.

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

reference_codes as (

    select * from {{ ref('int_reference_codes_by_year') }}

),

kinds as (

    select *
    from (
        values
            ('T03', 'code', 'function'),
            ('T05', 'code', 'function'),
            ('T07', 'code', 'function'),
            ('T06', 'code', 'department'),
            ('T08', 'code', 'department'),
            ('T06', 'gov_econ_code', 'government'),
            ('T08', 'gov_econ_code', 'government')
    ) as kind (table_id, code_kind, scheme)

),

-- the row's code with the label printed beside it (the cell is the row's code cell)
row_codes as (

    select
        table_rows.file_sha256,
        cast(table_rows.table_id as varchar) as table_id,
        'code' as code_kind,
        cast(table_rows.row_number as integer) as row_number,
        trim(cast(table_rows.code as varchar)) as code_value,
        cast(table_rows.label as varchar) as printed_name,
        cast(table_rows.cell_ref as varchar) as cell_ref
    from table_rows
    where table_rows.section = 'main'
        and nullif(trim(table_rows.code), '') is not null
        and nullif(trim(table_rows.label), '') is not null

),

-- 表6/表8 print the government economic code and its name beside the department one
government_codes as (

    select
        codes.file_sha256,
        cast(codes.table_id as varchar) as table_id,
        'gov_econ_code' as code_kind,
        cast(codes.row_number as integer) as row_number,
        trim(cast(codes.value_text as varchar)) as code_value,
        cast(names.value_text as varchar) as printed_name,
        cast(names.cell_ref as varchar) as cell_ref
    from attributes as codes
    inner join attributes as names
        on codes.file_sha256 = names.file_sha256
        and codes.table_id = names.table_id
        and codes.section = names.section
        and codes.row_number = names.row_number
    where codes.attribute = 'gov_econ_code'
        and names.attribute = 'gov_econ_name'
        and nullif(trim(codes.value_text), '') is not null
        and nullif(trim(names.value_text), '') is not null

),

named_codes as (

    select * from row_codes
    union all
    select * from government_codes

),

checked as (

    select
        department_years.file_sha256,
        department_years.fiscal_year,
        department_years.department_code,
        named_codes.table_id,
        named_codes.code_kind,
        named_codes.row_number,
        named_codes.code_value,
        named_codes.printed_name,
        named_codes.cell_ref,
        reference_codes.reference_name,
        coalesce(
            {{ normalise_name('named_codes.printed_name') }} <> reference_codes.normalised_name,
            false
        ) as contradicts_reference
    from named_codes
    inner join kinds
        on named_codes.table_id = kinds.table_id
        and named_codes.code_kind = kinds.code_kind
    inner join department_years
        on named_codes.file_sha256 = department_years.file_sha256
    left join reference_codes
        on department_years.fiscal_year = reference_codes.fiscal_year
        and kinds.scheme = reference_codes.scheme
        and named_codes.code_value = reference_codes.code

),

final as (

    select
        'C3N' as rule_id,
        file_sha256,
        fiscal_year,
        department_code,
        table_id || ':' || code_kind as comparison_key,
        'equal' as comparison_kind,
        'count' as value_unit,
        cast(0 as decimal(18, 2)) as expected_yuan,
        cast(sum(case when contradicts_reference then 1 else 0 end) as decimal(18, 2))
            as actual_yuan,
        0 as wan_yuan_terms,
        cast(0 as decimal(18, 2)) as extra_tolerance_yuan,
        true as evaluable,
        cast(null as varchar) as not_evaluable_reason,
        cast(null as varchar) as expected_cells,
        string_agg(
            case
                when contradicts_reference
                    then cell_ref || '=' || code_value || ' ' || printed_name || '≠' || reference_name
            end,
            ',' order by row_number
        ) as actual_cells
    from checked
    group by file_sha256, fiscal_year, department_code, table_id, code_kind

)

select * from final
