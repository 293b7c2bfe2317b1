-- 表13 "三公"经费及会议费、培训费支出预算表, one row per sheet row.
{{ pivot_disclosure_table('T13', measures=['total', 'overseas_travel', 'vehicle_total', 'vehicle_purchase', 'vehicle_operation', 'reception', 'meeting', 'training']) }}
