-- ARGV: cart key, now ms, ttl ms, reserve-until ms, number of hash fields and values (2n), the
-- fields and values, then per line: variant, on hand, product version, stock sequence ('' for none). Brings a customer's cart
-- back from PostgreSQL after Redis lost it (unless it is there again) and reserves what is free.
local ck, now, ttl, untilMs, n = ARGV[1], tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5])
if redis.call('EXISTS', ck) == 0 then
  for i = 6, 5 + n, 2 do
    redis.call('HSET', ck, ARGV[i], ARGV[i + 1])
  end
end
-- the reservations the saved rn spoke of are gone with the rest of Redis
forget(ck)
for i = 6 + n, #ARGV, 4 do
  stock(ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3])
end
renew(ck, redis.call('HGET', ck, 'id'), untilMs, now)
redis.call('PEXPIRE', ck, ttl)
local s = snapshot(ck, now)
return { 'OK', s[1], s[2] }
