-- 表10 专项业务经费支出表 (units, project categories, projects), one row per sheet row.
{{ pivot_disclosure_table('T10', measures=['amount'], attributes=['description']) }}
