-- 表14 专项业务经费绩效目标表: funds and indicator rows, one row per sheet row.
{{ pivot_disclosure_table('T14', measures=['total_funds', 'fiscal_funds', 'other_funds'], attributes=['project_name', 'department_name', 'overall_goal', 'indicator_level1', 'indicator_level2', 'indicator_content', 'indicator_value', 'note']) }}
