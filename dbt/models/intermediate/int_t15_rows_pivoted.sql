-- 表15 部门整体支出绩效目标表: task and indicator rows, one row per sheet row.
{{ pivot_disclosure_table('T15', measures=['total', 'fiscal', 'other'], attributes=['task_name', 'task_content', 'indicator_level1', 'indicator_level2', 'indicator_content', 'indicator_value']) }}
