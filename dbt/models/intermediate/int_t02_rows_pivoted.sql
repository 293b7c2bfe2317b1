-- 表2 部门综合预算收入总表 (income by unit and source), one row per sheet row.
{{ pivot_disclosure_table('T02', measures=['total', 'fiscal_subtotal', 'general_budget', 'gov_fund', 'state_capital', 'superior_subsidy', 'business_income', 'operating_income', 'affiliated_income', 'other_income', 'business_fund', 'carryover']) }}
