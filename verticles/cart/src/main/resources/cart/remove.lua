-- ARGV: cart key, now ms, ttl ms, reserve-until ms, variant ('*': every line). Removes the line(s)
-- and releases their reservations.
local ck, now, ttl, untilMs, v = ARGV[1], tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4]), ARGV[5]
if redis.call('EXISTS', ck) == 0 then
  return { 'NO_CART' }
end
local c = redis.call('HGET', ck, 'id')
if v == '*' then
  local f = redis.call('HGETALL', ck)
  for i = 1, #f, 2 do
    if string.sub(f[i], 1, 2) == 'l:' then
      setres(string.sub(f[i], 3), c, 0, untilMs, now)
      redis.call('HDEL', ck, f[i])
    end
  end
  redis.call('HSET', ck, 'n', 0)
  -- an emptied cart has nothing left to order: a placement's claim on it ends (claim.lua)
  redis.call('DEL', ck .. ':claim')
else
  if redis.call('HEXISTS', ck, 'l:' .. v) == 0 then
    return { 'NO_LINE' }
  end
  setres(v, c, 0, untilMs, now)
  redis.call('HDEL', ck, 'l:' .. v)
  redis.call('HINCRBY', ck, 'n', -1)
end
renew(ck, c, untilMs, now)
touch(ck, ttl, now)
local s = snapshot(ck, now)
return { 'OK', s[1], s[2] }
