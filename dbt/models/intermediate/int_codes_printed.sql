-- Every classification code printed in a loaded disclosure, with the name printed beside
-- it where the table has one. scheme: function | department | government.
with

t03_rows as (

    select * from {{ ref('int_t03_rows_pivoted') }}

),

t05_rows as (

    select * from {{ ref('int_t05_rows_pivoted') }}

),

t06_rows as (

    select * from {{ ref('int_t06_rows_pivoted') }}

),

t07_rows as (

    select * from {{ ref('int_t07_rows_pivoted') }}

),

t08_rows as (

    select * from {{ ref('int_t08_rows_pivoted') }}

),

t12_rows as (

    select * from {{ ref('int_t12_rows_pivoted') }}

),

function_codes as (

    {% for relation in ['t03_rows', 't05_rows', 't07_rows'] %}
    select
        fiscal_year, department_code, table_id, source_row_key,
        'function' as scheme, code, label as printed_name
    from {{ relation }}
    where code is not null
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

econ_codes as (

    {% for relation in ['t06_rows', 't08_rows'] %}
    select
        fiscal_year, department_code, table_id, source_row_key,
        'department' as scheme, code, label as printed_name
    from {{ relation }}
    where code is not null

    union all

    select
        fiscal_year, department_code, table_id, source_row_key,
        'government' as scheme, gov_econ_code as code, gov_econ_name as printed_name
    from {{ relation }}
    where gov_econ_code is not null and gov_econ_code <> ''
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

-- 表12 prints codes without names (split over 类/款/项 columns, joined by the parser).
procurement_codes as (

    select
        fiscal_year, department_code, table_id, source_row_key,
        'function' as scheme, code, cast(null as varchar) as printed_name
    from t12_rows
    where code is not null and catalogue is not null

    union all

    select
        fiscal_year, department_code, table_id, source_row_key,
        'department' as scheme, dept_econ_code as code, cast(null as varchar) as printed_name
    from t12_rows
    where dept_econ_code is not null and dept_econ_code <> ''

    union all

    select
        fiscal_year, department_code, table_id, source_row_key,
        'government' as scheme, gov_econ_code as code, cast(null as varchar) as printed_name
    from t12_rows
    where gov_econ_code is not null and gov_econ_code <> ''

),

unioned as (

    select * from function_codes
    union all
    select * from econ_codes
    union all
    select * from procurement_codes

),

final as (

    select
        fiscal_year,
        department_code,
        table_id,
        source_row_key,
        scheme,
        trim(code) as code,
        printed_name,
        {{ normalise_name('printed_name') }} as normalised_name

    from unioned

)

select * from final
