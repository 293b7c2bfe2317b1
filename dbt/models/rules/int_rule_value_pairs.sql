{{ config(schema='intermediate', materialized='view') }}

-- Cross-table comparisons of single figures (X5, X6, X9's 表15 part): for each pair the
-- expected side is a sum of named values (see int_rule_labelled_values), the actual side
-- one named value. Values a table may legitimately leave out (表9 专项, when 表9 is blank or
-- absent) are optional; a required one that is missing makes the row not evaluable.

with

department_years as (

    select * from {{ ref('int_rule_department_years') }}

),

tables as (

    select * from {{ ref('int_rule_tables') }}

),

values_ as (

    select * from {{ ref('int_rule_labelled_values') }}

),

pairs as (

    select *
    from (
        values
            ('X5', '表5合计 = 表4一般公共预算拨款', 'T05_total', false, 'T04_general_budget', 'T04'),
            ('X5', '表4财政拨款 = 表1财政拨款', 'T01_fiscal_appropriation', false,
             'T04_fiscal_appropriation', 'T01'),
            ('X6', '表10合计 = 表5专项 + 表9专项', 'T05_project', false, 'T10_total', 'T05'),
            ('X6', '表10合计 = 表5专项 + 表9专项', 'T09_project', true, 'T10_total', 'T05'),
            ('X9', '表15金额合计 = 表1本年支出合计', 'T01_year_expenditure', false, 'T15_total',
             'T01')
    ) as pair (rule_id, comparison_key, expected_value, expected_optional, actual_value,
               anchor_table)

),

-- evaluate a pair only where all its tables exist; rule_missing_tables reports the rest
required_tables as (

    select *
    from (
        values
            ('X5', '表5合计 = 表4一般公共预算拨款', 'T05'),
            ('X5', '表5合计 = 表4一般公共预算拨款', 'T04'),
            ('X5', '表4财政拨款 = 表1财政拨款', 'T01'),
            ('X5', '表4财政拨款 = 表1财政拨款', 'T04'),
            ('X6', '表10合计 = 表5专项 + 表9专项', 'T05'),
            ('X6', '表10合计 = 表5专项 + 表9专项', 'T10'),
            ('X9', '表15金额合计 = 表1本年支出合计', 'T01'),
            ('X9', '表15金额合计 = 表1本年支出合计', 'T15')
    ) as requirement (rule_id, comparison_key, table_id)

),

evaluable_pairs as (

    select distinct
        department_years.file_sha256,
        department_years.fiscal_year,
        department_years.department_code,
        pairs.rule_id,
        pairs.comparison_key,
        pairs.actual_value
    from department_years
    cross join pairs
    where not exists (
        select 1
        from required_tables
        where required_tables.rule_id = pairs.rule_id
            and required_tables.comparison_key = pairs.comparison_key
            and not exists (
                select 1 from tables
                where tables.file_sha256 = department_years.file_sha256
                    and tables.table_id = required_tables.table_id
            )
    )

),

expected_side as (

    select
        evaluable_pairs.file_sha256,
        evaluable_pairs.rule_id,
        evaluable_pairs.comparison_key,
        coalesce(sum(values_.amount_yuan), 0) as amount_yuan,
        coalesce(sum(values_.wan_yuan_terms), 0) as wan_yuan_terms,
        coalesce(bool_or(values_.is_withheld), false) as is_withheld,
        string_agg(values_.cells, ',' order by values_.cells) as cells,
        string_agg(case when values_.cell_count is null and not pairs.expected_optional
                        then pairs.expected_value end, ','
                   order by pairs.expected_value) as missing_values,
        max(values_.cell_count) as max_cell_count
    from evaluable_pairs
    inner join pairs
        on evaluable_pairs.rule_id = pairs.rule_id
        and evaluable_pairs.comparison_key = pairs.comparison_key
    left join values_
        on evaluable_pairs.file_sha256 = values_.file_sha256
        and pairs.expected_value = values_.value_name
    group by evaluable_pairs.file_sha256, evaluable_pairs.rule_id, evaluable_pairs.comparison_key

),

compared as (

    select
        evaluable_pairs.rule_id,
        evaluable_pairs.file_sha256,
        evaluable_pairs.fiscal_year,
        evaluable_pairs.department_code,
        evaluable_pairs.comparison_key,
        'equal' as comparison_kind,
        'yuan' as value_unit,
        expected_side.amount_yuan as expected_yuan,
        actual_side.amount_yuan as actual_yuan,
        expected_side.wan_yuan_terms + coalesce(actual_side.wan_yuan_terms, 0)
            as wan_yuan_terms,
        cast(0 as decimal(18, 2)) as extra_tolerance_yuan,
        case
            when expected_side.missing_values is not null
                then 'figure not found: ' || expected_side.missing_values
            when actual_side.cell_count is null
                then 'figure not found: ' || evaluable_pairs.actual_value
            when actual_side.cell_count > 1 or expected_side.max_cell_count > 1
                then 'figure found more than once'
            when expected_side.is_withheld or actual_side.is_withheld
                then 'withheld value (**)'
        end as not_evaluable_reason,
        expected_side.cells as expected_cells,
        actual_side.cells as actual_cells
    from evaluable_pairs
    inner join expected_side
        on evaluable_pairs.file_sha256 = expected_side.file_sha256
        and evaluable_pairs.rule_id = expected_side.rule_id
        and evaluable_pairs.comparison_key = expected_side.comparison_key
    left join values_ as actual_side
        on evaluable_pairs.file_sha256 = actual_side.file_sha256
        and evaluable_pairs.actual_value = actual_side.value_name

),

final as (

    select
        {{ rule_comparison_columns() }}
    from compared

)

select * from final
