-- ARGV: cart key, new cart id, owner, currency, now ms, ttl ms. Creates the cart unless it exists.
local ck, now = ARGV[1], tonumber(ARGV[5])
local created = 0
if redis.call('EXISTS', ck) == 0 then
  local t = string.format('%.0f', now)
  redis.call('HSET', ck, 'id', ARGV[2], 'o', ARGV[3], 'cur', ARGV[4], 'c', t, 'u', t, 'v', 1, 'n', 0)
  created = 1
end
redis.call('PEXPIRE', ck, ARGV[6])
local s = snapshot(ck, now)
return { 'OK', s[1], s[2], created }
