-- 表12 政府采购预算表 (procurement lines), one row per sheet row.
{{ pivot_disclosure_table('T12', measures=['quantity', 'amount'], attributes=['unit_code', 'catalogue', 'service_content', 'spec', 'dept_econ_code', 'gov_econ_code', 'month', 'note']) }}
