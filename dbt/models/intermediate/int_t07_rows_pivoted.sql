-- 表7 一般公共预算基本支出明细表（按支出功能分类科目）, one row per sheet row.
{{ pivot_disclosure_table('T07', measures=['total', 'personnel', 'public'], attributes=['note']) }}
