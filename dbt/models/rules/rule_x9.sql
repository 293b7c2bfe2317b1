{{ config(schema='quality', materialized='view') }}

-- X9 表14 资金总额 (万元) of each project = that project's 表10 amount (matched by project
-- name, the n-th project of a name to the n-th 表10 line of that name); 表15 金额合计 (万元)
-- = 表1 本年支出合计 (int_rule_value_pairs).

with

present as (

    select file_sha256 from {{ ref('int_rule_tables') }} where table_id = 'T14'
    intersect
    select file_sha256 from {{ ref('int_rule_tables') }} where table_id = 'T10'

),

project_names as (

    select
        file_sha256, row_number,
        max(case when attribute = 'project_name' then value_text end) as project_name
    from {{ source('raw', 'row_attributes') }}
    where table_id = 'T14' and section = 'funds'
    group by file_sha256, row_number

),

t14 as (

    select
        cells.file_sha256,
        cells.fiscal_year,
        cells.department_code,
        cells.row_number,
        regexp_replace(coalesce(nullif(project_names.project_name, ''), cells.label, ''),
                       '\s', '', 'g') as name_key,
        cells.amount_yuan,
        cells.is_withheld,
        cells.wan_yuan_terms,
        cells.cell_ref
    from {{ rule_cells('cells') }}
    left join project_names
        on cells.file_sha256 = project_names.file_sha256
        and cells.row_number = project_names.row_number
    where cells.table_id = 'T14' and cells.section = 'funds' and cells.measure = 'total_funds'
        and cells.file_sha256 in (select file_sha256 from present)

),

t14_numbered as (

    select
        *,
        row_number() over (partition by file_sha256, name_key order by row_number)
            as occurrence
    from t14

),

t10 as (

    select
        file_sha256,
        row_number,
        regexp_replace(coalesce(label, ''), '\s', '', 'g') as name_key,
        amount_yuan,
        is_withheld,
        wan_yuan_terms,
        cell_ref
    from {{ ref('int_rule_list_rows') }}
    where table_id = 'T10' and list_role = 'line' and measure = 'amount'

),

t10_numbered as (

    select
        *,
        row_number() over (partition by file_sha256, name_key order by row_number)
            as occurrence
    from t10

),

projects as (

    select
        'X9' as rule_id,
        t14_numbered.file_sha256,
        t14_numbered.fiscal_year,
        t14_numbered.department_code,
        '表14:' || t14_numbered.name_key
            || case when t14_numbered.occurrence > 1 then '#' || t14_numbered.occurrence
                    else '' end as comparison_key,
        'equal' as comparison_kind,
        'yuan' as value_unit,
        t10_numbered.amount_yuan as expected_yuan,
        t14_numbered.amount_yuan as actual_yuan,
        coalesce(t10_numbered.wan_yuan_terms, 0) + t14_numbered.wan_yuan_terms
            as wan_yuan_terms,
        cast(0 as decimal(18, 2)) as extra_tolerance_yuan,
        case
            when t10_numbered.row_number is null
                then '表10 has no project named ' || t14_numbered.name_key
            when t14_numbered.is_withheld or t10_numbered.is_withheld
                then 'withheld value (**)'
        end as not_evaluable_reason,
        t10_numbered.cell_ref as expected_cells,
        t14_numbered.cell_ref as actual_cells
    from t14_numbered
    left join t10_numbered
        on t14_numbered.file_sha256 = t10_numbered.file_sha256
        and t14_numbered.name_key = t10_numbered.name_key
        and t14_numbered.occurrence = t10_numbered.occurrence
    where t14_numbered.name_key <> ''

),

overall as (

    select * from {{ ref('int_rule_value_pairs') }}
    where rule_id = 'X9'

),

final as (

    select
        {{ rule_comparison_columns() }}
    from projects
    union all
    select * from overall

)

select * from final
