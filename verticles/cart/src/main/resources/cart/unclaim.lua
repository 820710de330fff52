-- ARGV: cart key, order id, attempt id. Ends the attempt's claim on the cart (claim.lua), if it
-- still holds it: another order's claim, or a later attempt's at the same order, stays.
local claim = ARGV[1] .. ':claim'
if redis.call('GET', claim) == ARGV[2] .. '|' .. ARGV[3] then
  redis.call('DEL', claim)
  return 1
end
return 0
