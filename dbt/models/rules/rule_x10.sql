{{ config(schema='quality', materialized='view') }}

-- X10 When all of a department's money is 一般公共预算 (表1 一般公共预算拨款 = 本年收入合计),
-- 表1's department-economic view equals 表6 by 类: the （n） lines under
-- 1、人员经费和公用经费支出 = 表6 类 人员经费 + 公用经费, those under 2、专项业务经费支出 = 表6 类
-- 专项业务经费, and the two headings = the 表6 合计 row's columns. Other funding: not
-- evaluable.

with

present as (

    select file_sha256 from {{ ref('int_rule_tables') }} where table_id = 'T01'
    intersect
    select file_sha256 from {{ ref('int_rule_tables') }} where table_id = 'T06'

),

funding as (

    select
        file_sha256,
        max(case when value_name = 'T01_general_budget' then amount_yuan end)
            as general_budget_yuan,
        max(case when value_name = 'T01_year_income' then amount_yuan end) as year_income_yuan
    from {{ ref('int_rule_labelled_values') }}
    where value_name in ('T01_general_budget', 'T01_year_income')
    group by file_sha256

),

view_rows_grouped as (

    -- each row's heading is the last （n）-level row at or above it: number the headings
    -- cumulatively, then every row of a group shares its heading's label (PostgreSQL has no
    -- last_value(... ignore nulls))
    select
        *,
        count(case when numbering_level = 2 then 1 end) over (
            partition by file_sha256
            order by row_number
            rows between unbounded preceding and current row
        ) as heading_number
    from {{ rule_cells() }}
    where table_id = 'T01' and section = 'expenditure_dept_econ' and measure = 'amount'
        and file_sha256 in (select file_sha256 from present)

),

view_rows as (

    select
        *,
        max(case when numbering_level = 2 then label_key end) over (
            partition by file_sha256, heading_number
        ) as heading
    from view_rows_grouped

),

class_names as (

    select *
    from (
        values
            ('工资福利支出', '301'), ('商品和服务支出', '302'), ('对个人和家庭的补助', '303'),
            ('对个人和家庭补助', '303'), ('债务利息及费用支出', '307'),
            ('资本性支出（基本建设）', '309'), ('资本性支出', '310'),
            ('对企业补助（基本建设）', '311'), ('对企业补助', '312'),
            ('对社会保障基金补助', '313'), ('其他支出', '399')
    ) as class_name (label_key, class_code)

),

t01_items as (

    -- （n） lines keyed by fund group and 类; the two headings keyed by group and 合计
    select
        view_rows.file_sha256,
        view_rows.fiscal_year,
        view_rows.department_code,
        case view_rows.heading
            when '人员经费和公用经费支出' then 'basic'
            when '专项业务经费支出' then 'project'
        end as fund_group,
        case when view_rows.numbering_level = 2 then '合计' else class_names.class_code end
            as class_code,
        view_rows.amount_yuan,
        view_rows.is_withheld,
        view_rows.wan_yuan_terms,
        view_rows.cell_ref
    from view_rows
    left join class_names
        on view_rows.label_key = class_names.label_key
    where view_rows.heading in ('人员经费和公用经费支出', '专项业务经费支出')
        and (view_rows.numbering_level = 2
             or (view_rows.numbering_level = 3 and class_names.class_code is not null))

),

t06 as (

    select
        file_sha256,
        row_key as class_code,
        case when measure = 'project' then 'project' else 'basic' end as fund_group,
        bool_or(is_withheld) as is_withheld,
        sum(amount_yuan) as amount_yuan,
        sum(wan_yuan_terms) as wan_yuan_terms,
        string_agg(cells, ',' order by cells) as cells
    from {{ ref('int_rule_coded_amounts') }}
    where table_id = 'T06' and measure in ('personnel', 'public', 'project')
        and (row_key = '合计' or length(row_key) = 3)
    group by file_sha256, row_key, case when measure = 'project' then 'project' else 'basic' end

),

compared as (

    select
        'X10' as rule_id,
        t01_items.file_sha256,
        t01_items.fiscal_year,
        t01_items.department_code,
        t01_items.fund_group || ':' || t01_items.class_code as comparison_key,
        'equal' as comparison_kind,
        'yuan' as value_unit,
        coalesce(t06.amount_yuan, 0) as expected_yuan,
        t01_items.amount_yuan as actual_yuan,
        coalesce(t06.wan_yuan_terms, 0) + t01_items.wan_yuan_terms as wan_yuan_terms,
        cast(0 as decimal(18, 2)) as extra_tolerance_yuan,
        case
            when funding.general_budget_yuan is null or funding.year_income_yuan is null
                then '表1 一般公共预算拨款 or 本年收入合计 not found'
            when funding.general_budget_yuan <> funding.year_income_yuan
                then 'not all funds are 一般公共预算 (表1 一般公共预算拨款 ≠ 本年收入合计)'
            when t01_items.is_withheld or t06.is_withheld then 'withheld value (**)'
        end as not_evaluable_reason,
        t06.cells as expected_cells,
        t01_items.cell_ref as actual_cells
    from t01_items
    left join funding
        on t01_items.file_sha256 = funding.file_sha256
    left join t06
        on t01_items.file_sha256 = t06.file_sha256
        and t01_items.fund_group = t06.fund_group
        and t01_items.class_code = t06.class_code

),

final as (

    select
        {{ rule_comparison_columns() }}
    from compared

)

select * from final
