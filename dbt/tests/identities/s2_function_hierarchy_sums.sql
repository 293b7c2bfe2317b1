-- S2 表3, 表5, 表7: 合计 row = Σ 类, 类 = Σ its 款, 款 = Σ its 项 (合计 column).
-- It reads several relations; Dagster shows it as a check of the first one.
{{ config(meta={'dagster': {'ref': {'name': 'int_t03_rows_pivoted'}}}) }}
{{ hierarchy_sum_failures(
    [ref('int_t03_rows_pivoted'), ref('int_t05_rows_pivoted'), ref('int_t07_rows_pivoted')],
    [3, 5, 7]
) }}
