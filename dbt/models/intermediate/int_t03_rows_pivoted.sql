-- 表3 部门综合预算支出总表 (by function code, basic vs project), one row per sheet row.
{{ pivot_disclosure_table('T03', measures=['total', 'basic_subtotal', 'personnel', 'public', 'project', 'remit_superior', 'operating', 'subsidy_affiliated']) }}
