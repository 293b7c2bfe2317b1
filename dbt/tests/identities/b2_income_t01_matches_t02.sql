-- 表1 income sources agree with 表2's 合计 row (quality.income_cross_check).
select * from {{ ref('income_cross_check') }}
where abs(difference_yuan) > tolerance_yuan
