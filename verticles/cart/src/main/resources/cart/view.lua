-- ARGV: cart key, now ms, ttl ms. The cart as it is (a read is activity for the cart's lifetime,
-- not for its reservations).
local ck, now = ARGV[1], tonumber(ARGV[2])
if redis.call('EXISTS', ck) == 0 then
  return { 'NO_CART' }
end
redis.call('PEXPIRE', ck, ARGV[3])
local s = snapshot(ck, now)
return { 'OK', s[1], s[2] }
