-- S2 表3, 表5, 表7: 合计 row = Σ 类, 类 = Σ its 款, 款 = Σ its 项 (合计 column).
{{ hierarchy_sum_failures(
    [ref('int_t03_rows_pivoted'), ref('int_t05_rows_pivoted'), ref('int_t07_rows_pivoted')],
    [3, 5, 7]
) }}
