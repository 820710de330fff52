-- ARGV: cart key, order id. Ends the order's claim on the cart (claim.lua), if it still holds it.
local claim = ARGV[1] .. ':claim'
if redis.call('GET', claim) == ARGV[2] then
  redis.call('DEL', claim)
  return 1
end
return 0
