-- ARGV: cart key, now ms, ttl ms. The cart as it is (a read is activity for the cart's lifetime,
-- not for its reservations). PEXPIRE answers 0 when there is no such key: no cart.
local ck, now = ARGV[1], tonumber(ARGV[2])
if redis.call('PEXPIRE', ck, ARGV[3]) == 0 then
  return { 'NO_CART' }
end
local s = snapshot(ck, now)
return { 'OK', s[1], s[2] }
