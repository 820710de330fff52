-- ARGV: guest cart key, customer cart key, now ms, ttl ms, reserve-until ms, max units per line,
-- new cart id (when the customer has no cart), customer id, then per variant of the guest cart:
-- variant, on hand, product version, stock sequence ('' for none). Moves the guest's lines into the customer's cart: the
-- quantities add, capped by the per-line maximum and by the stock free for the customer (the
-- guest's own reservation counts as free), never below what the customer had; then the guest cart
-- is deleted. While an order is being placed from either cart (claim.lua), nothing is merged: {'CLAIMED'}. Answers the customer's cart and the capped lines {variant, requested, granted, reason}.
local gk, ck, now, ttl, untilMs, maxLine = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4], tonumber(ARGV[5]), tonumber(ARGV[6])
if redis.call('EXISTS', gk) == 0 then
  return { 'NO_CART' }
end
-- its lines are being ordered: merged now, they would stay in the customer's cart after the order;
-- or the customer's are (the order empties that cart: the guest's lines would go with them)
if redis.call('EXISTS', gk .. ':claim') == 1 or redis.call('EXISTS', ck .. ':claim') == 1 then
  return { 'CLAIMED' }
end
local gc = redis.call('HGET', gk, 'id')
if redis.call('EXISTS', ck) == 0 then
  local t = string.format('%.0f', now)
  redis.call('HSET', ck, 'id', ARGV[7], 'o', ARGV[8], 'cur', redis.call('HGET', gk, 'cur'), 'c', t, 'u', t, 'v', 1, 'n', 0)
end
local c = redis.call('HGET', ck, 'id')
forget(ck)
local adjustments = {}
for i = 9, #ARGV, 4 do
  local v = ARGV[i]
  local gl = redis.call('HGET', gk, 'l:' .. v)
  if gl then
    local gq, ga, gcu, gt = parse(gl)
    local cl = redis.call('HGET', ck, 'l:' .. v)
    local cq, ca, ccu, ct = 0, ga, gcu, gt
    if cl then
      cq, ca, ccu, ct = parse(cl)
    end
    purge(v, now)
    local oh = stock(v, ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]) or 0
    local rk = P .. 'rsv:' .. v
    local mineC = num(redis.call('HGET', rk, c))
    local others = num(redis.call('HGET', rk, '_t')) - mineC - num(redis.call('HGET', rk, gc))
    local requested = cq + gq
    local capped = math.min(requested, maxLine)
    local free = math.max(0, oh - others)
    local newQ = math.max(cq, math.min(capped, free))
    setres(v, gc, 0, untilMs, now)
    -- what the customer held reserved stays theirs, even when stock went below it meanwhile
    setres(v, c, math.min(newQ, math.max(mineC, free)), untilMs, now)
    if newQ < requested then
      local reason = 'STOCK'
      if capped < requested and capped <= free then
        reason = 'LINE_MAXIMUM'
      end
      table.insert(adjustments, { v, requested, newQ, reason })
    end
    if newQ > 0 then
      if not cl then
        redis.call('HINCRBY', ck, 'n', 1)
      end
      redis.call('HSET', ck, 'l:' .. v, newQ .. '|' .. ca .. '|' .. ccu .. '|' .. ct)
    end
  end
end
local f = redis.call('HGETALL', gk)
for i = 1, #f, 2 do
  if string.sub(f[i], 1, 2) == 'l:' then
    setres(string.sub(f[i], 3), gc, 0, untilMs, now)
  end
end
redis.call('DEL', gk)
renew(ck, c, untilMs, now)
touch(ck, ttl, now)
local s = snapshot(ck, now)
return { 'OK', s[1], s[2], adjustments, gc }
