-- 表1 部门综合预算收支总表, all sections (income, expenditure_*), one row per sheet row.
{{ pivot_disclosure_table('T01', measures=['amount']) }}
