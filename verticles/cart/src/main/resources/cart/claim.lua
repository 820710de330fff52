-- ARGV: cart key, now ms, ttl ms, claim ms, order id, attempt id. Claims the cart for the order
-- being placed from it (<cart key>:claim = 'order|attempt', lapsing after claim ms), unless another
-- order's placement holds it: answers {'CLAIMED'} then. The same order may claim again (a request
-- repeated with its key): the claim is then this attempt's, so that only it gives the claim back
-- (unclaim.lua). Then the cart as it is, as view.lua answers it; with no cart, no claim is left behind.
local ck, now, order = ARGV[1], tonumber(ARGV[2]), ARGV[5]
local claim = ck .. ':claim'
local held = redis.call('GET', claim)
-- (a bare order id: a claim made before claims named their attempt)
if held and held ~= order and string.sub(held, 1, #order + 1) ~= order .. '|' then
  return { 'CLAIMED' }
end
if redis.call('PEXPIRE', ck, ARGV[3]) == 0 then
  redis.call('DEL', claim)
  return { 'NO_CART' }
end
redis.call('SET', claim, order .. '|' .. ARGV[6], 'PX', ARGV[4])
local s = snapshot(ck, now)
return { 'OK', s[1], s[2] }
