-- 表8 一般公共预算基本支出明细表（按支出经济分类科目）, one row per sheet row.
{{ pivot_disclosure_table('T08', measures=['total', 'personnel', 'public'], attributes=['gov_econ_code', 'gov_econ_name', 'note']) }}
