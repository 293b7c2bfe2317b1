-- C3: every printed code is well formed (digits; 3/5/7 for function, 3/5 for economic).
select * from {{ ref('unknown_codes') }}
where reason = 'malformed'
