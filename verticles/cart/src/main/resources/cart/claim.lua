-- ARGV: cart key, now ms, ttl ms, claim ms, order id. Claims the cart for the order being placed
-- from it (<cart key>:claim, lapsing after claim ms), unless another order's placement holds it:
-- answers {'CLAIMED'} then. The same order may claim again (a request repeated with its key). Then
-- the cart as it is, as view.lua answers it; with no cart, no claim is left behind.
local ck, now, order = ARGV[1], tonumber(ARGV[2]), ARGV[5]
local claim = ck .. ':claim'
if not redis.call('SET', claim, order, 'NX', 'PX', ARGV[4]) then
  if redis.call('GET', claim) ~= order then
    return { 'CLAIMED' }
  end
  redis.call('PEXPIRE', claim, ARGV[4])
end
if redis.call('PEXPIRE', ck, ARGV[3]) == 0 then
  redis.call('DEL', claim)
  return { 'NO_CART' }
end
local s = snapshot(ck, now)
return { 'OK', s[1], s[2] }
