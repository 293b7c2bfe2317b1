-- S3 表6, 表8: 合计 row = Σ 类, 类 = Σ its 款 (301 = 3,085,320.00 = 30101 + 30107 + 30199).
-- It reads several relations; Dagster shows it as a check of the first one.
{{ config(meta={'dagster': {'ref': {'name': 'int_t06_rows_pivoted'}}}) }}
{{ hierarchy_sum_failures(
    [ref('int_t06_rows_pivoted'), ref('int_t08_rows_pivoted')],
    [3, 5]
) }}
