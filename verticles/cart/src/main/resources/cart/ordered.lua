-- ARGV: cart key, now ms, ttl ms, reserve-until ms, cart id, order id, then per line the order took: variant,
-- units ordered, the ms the line was added (as the placement read the cart). Takes an order's lines
-- out of a customer's cart when the placement's own emptying of it failed. The cart's line of such
-- a variant that was added at that very ms is the line the order took: it loses the units ordered
-- (with their reservation); units added to it after the order stay, as a line added now. Any other
-- line (added after the order, or left as a line added now by an earlier run) stays as it is, so a
-- second run, or one after the placement emptied the cart, changes nothing. Answers {'OK', hash,
-- extras, 1 when the cart changed}, {'NO_CART'}, or {'OTHER_CART'} (the customer's cart is another one now).
-- The order's claim on the cart (claim.lua) ends: the order is made.
-- Without a cart id and times ('' for both: a request repeated after its placement died before it
-- emptied the cart, which no longer knows the cart as read), the lines are taken only while the
-- order's claim is on the cart (the placement's own emptying, or an earlier take, ended it): each
-- line of an ordered variant loses the units ordered.
local ck, now, ttl, untilMs, id, order = ARGV[1], tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4]), ARGV[5], ARGV[6]
local held = redis.call('GET', ck .. ':claim')
local claimed = order ~= '' and held and (held == order or string.sub(held, 1, #order + 1) == order .. '|')
if claimed then
  redis.call('DEL', ck .. ':claim')
end
-- (a Redis that lost its data resets the catalog's totals itself: Reservations, cart:epoch)
local c = redis.call('HGET', ck, 'id')
if not c then
  return { 'NO_CART' }
end
if id ~= '' and c ~= id then
  return { 'OTHER_CART' }
end
local changed = 0
for i = 7, #ARGV, 3 do
  local v, units, added = ARGV[i], tonumber(ARGV[i + 1]), ARGV[i + 2]
  local lf = 'l:' .. v
  local line = redis.call('HGET', ck, lf)
  if line then
    local q, a, cu, t = parse(line)
    if t == added or (added == '' and claimed) then
      -- lapsed reservations of the variant are released (and reported) before this cart's is read
      purge(v, now)
      local left = q - units
      if left > 0 then
        local mine = num(redis.call('HGET', P .. 'rsv:' .. v, c))
        setres(v, c, math.min(mine, left), untilMs, now)
        redis.call('HSET', ck, lf, left .. '|' .. a .. '|' .. cu .. '|' .. string.format('%.0f', now))
      else
        setres(v, c, 0, untilMs, now)
        redis.call('HDEL', ck, lf)
        redis.call('HINCRBY', ck, 'n', -1)
      end
      changed = 1
    end
  end
end
if changed == 1 then
  renew(ck, c, untilMs, now)
  touch(ck, ttl, now)
end
local s = snapshot(ck, now)
return { 'OK', s[1], s[2], changed }
