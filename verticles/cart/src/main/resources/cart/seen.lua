-- ARGV: cart key, now ms, ttl ms, reserve-until ms, currency ('' keeps it), then per line: variant,
-- price amount, currency. The customer has seen these prices (acknowledged, or a currency switch).
local ck, now, ttl, untilMs = ARGV[1], tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4])
if redis.call('EXISTS', ck) == 0 then
  return { 'NO_CART' }
end
local c = redis.call('HGET', ck, 'id')
if ARGV[5] ~= '' then
  redis.call('HSET', ck, 'cur', ARGV[5])
end
for i = 6, #ARGV, 3 do
  local lf = 'l:' .. ARGV[i]
  local line = redis.call('HGET', ck, lf)
  if line then
    local q, a, cu, t = parse(line)
    redis.call('HSET', ck, lf, q .. '|' .. ARGV[i + 1] .. '|' .. ARGV[i + 2] .. '|' .. t)
  end
end
renew(ck, c, untilMs, now)
touch(ck, ttl, now)
local s = snapshot(ck, now)
return { 'OK', s[1], s[2] }
