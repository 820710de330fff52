-- ARGV: cart key, order id, attempt id. Ends the attempt's claim on the cart (claim.lua), if it
-- still holds it: another order's claim, or a later attempt's at the same order, stays. An empty
-- attempt (asked by a node older than attempts) ends the order's claim, whichever attempt holds it.
local claim, order, attempt = ARGV[1] .. ':claim', ARGV[2], ARGV[3]
local held = redis.call('GET', claim)
if held and (held == order .. '|' .. attempt
  or (attempt == '' and (held == order or string.sub(held, 1, #order + 1) == order .. '|'))) then
  redis.call('DEL', claim)
  return 1
end
return 0
