{{ config(schema='quality', materialized='view') }}

-- X4 表3 per function 类 = 表1's function view per 类 (matched by the national 类 name).

with

present as (

    select file_sha256 from {{ ref('int_rule_tables') }} where table_id = 'T01'
    intersect
    select file_sha256 from {{ ref('int_rule_tables') }} where table_id = 'T03'

),

classes as (

    select * from {{ ref('int_rule_function_classes') }}

),

t01_lines as (

    select
        cells.file_sha256,
        cells.fiscal_year,
        cells.department_code,
        classes.class_code,
        {{ summed_cells('cells') }}
    from {{ rule_cells('cells') }}
    inner join classes
        on cells.label_key = classes.class_name
    where cells.table_id = 'T01'
        and cells.section = 'expenditure_function'
        and cells.measure = 'amount'
        and cells.file_sha256 in (select file_sha256 from present)
    group by cells.file_sha256, cells.fiscal_year, cells.department_code, classes.class_code

),

t03_classes as (

    select * from {{ ref('int_rule_coded_amounts') }}
    where table_id = 'T03' and measure = 'total' and length(row_key) = 3
        and file_sha256 in (select file_sha256 from present)

),

joined as (

    select
        coalesce(t01_lines.file_sha256, t03_classes.file_sha256) as file_sha256,
        coalesce(t01_lines.fiscal_year, t03_classes.fiscal_year) as fiscal_year,
        coalesce(t01_lines.department_code, t03_classes.department_code) as department_code,
        coalesce(t01_lines.class_code, t03_classes.row_key) as class_code,
        coalesce(t01_lines.amount_yuan, 0) as expected_yuan,
        coalesce(t03_classes.amount_yuan, 0) as actual_yuan,
        coalesce(t01_lines.wan_yuan_terms, 0) + coalesce(t03_classes.wan_yuan_terms, 0)
            as wan_yuan_terms,
        coalesce(t01_lines.is_withheld, false) or coalesce(t03_classes.is_withheld, false)
            as is_withheld,
        t01_lines.cells as expected_cells,
        t03_classes.cells as actual_cells
    from t01_lines
    full outer join t03_classes
        on t01_lines.file_sha256 = t03_classes.file_sha256
        and t01_lines.class_code = t03_classes.row_key

),

final as (

    select
        'X4' as rule_id, file_sha256, fiscal_year, department_code,
        class_code as comparison_key, 'equal' as comparison_kind, 'yuan' as value_unit,
        expected_yuan, actual_yuan, wan_yuan_terms,
        cast(0 as decimal(18, 2)) as extra_tolerance_yuan,
        not is_withheld as evaluable,
        case when is_withheld then 'withheld value (**)' end as not_evaluable_reason,
        expected_cells, actual_cells
    from joined
    -- a 类 that is zero on both sides says nothing
    where expected_yuan <> 0 or actual_yuan <> 0

)

select * from final
