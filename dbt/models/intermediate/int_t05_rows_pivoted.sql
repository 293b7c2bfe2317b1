-- 表5 一般公共预算支出明细表（按支出功能分类科目）, one row per sheet row.
{{ pivot_disclosure_table('T05', measures=['total', 'personnel', 'public', 'project'], attributes=['note']) }}
