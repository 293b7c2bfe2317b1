{#- Rule comparison rows for "one coded table repeats another's amounts, code by code":
    表7 = 表5 (X2) and 表8 = 表6 (X3) in the 人员经费 and 公用经费 columns. Both rules are the
    same check on a different pair of tables, so they share this one query and cannot drift
    apart. A code (or the 合计 row) printed in one table only counts as 0 in the other; a
    code printed with zeros in one table only says nothing and is left out. Only files that
    carry both tables are compared (a missing table is rule_missing_tables').
    `rule_tables` and `coded_amounts` name the caller's import CTEs of int_rule_tables and
    int_rule_coded_amounts. Returns one select in the columns of rule_comparisons. -#}
{% macro code_by_code_comparison(
    rule_id, rule_tables, coded_amounts, reference_table_id, checked_table_id, measures
) %}

    with

    present as (

        select file_sha256 from {{ rule_tables }}
        where table_id = '{{ reference_table_id }}'
        intersect
        select file_sha256 from {{ rule_tables }}
        where table_id = '{{ checked_table_id }}'

    ),

    amounts as (

        select * from {{ coded_amounts }}
        where measure in ('{{ measures | join("', '") }}')
            and file_sha256 in (select file_sha256 from present)

    ),

    reference_table as (select * from amounts where table_id = '{{ reference_table_id }}'),

    checked_table as (select * from amounts where table_id = '{{ checked_table_id }}'),

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
            coalesce(reference_table.is_withheld, false)
                or coalesce(checked_table.is_withheld, false) as is_withheld,
            reference_table.cells as expected_cells,
            checked_table.cells as actual_cells
        from reference_table
        full outer join checked_table
            on reference_table.file_sha256 = checked_table.file_sha256
            and reference_table.row_key = checked_table.row_key
            and reference_table.measure = checked_table.measure

    )

    select
        '{{ rule_id }}' as rule_id,
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

{% endmacro %}
