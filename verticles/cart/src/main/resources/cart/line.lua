-- ARGV: cart key, now ms, ttl ms, reserve-until ms, variant, units, mode ('add' adds units to the
-- line, 'set' sets the line to units), max units per line, max lines, on hand, product version,
-- current price amount ('' for none) and the currency it was read in: when that is not the
-- cart's currency, nothing changes and the answer names the cart's currency.
local ck, now, ttl, untilMs, v = ARGV[1], tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4]), ARGV[5]
local units, mode, maxLine, maxLines = tonumber(ARGV[6]), ARGV[7], tonumber(ARGV[8]), tonumber(ARGV[9])
if redis.call('EXISTS', ck) == 0 then
  return { 'NO_CART' }
end
if redis.call('HGET', ck, 'cur') ~= ARGV[13] then
  return { 'CURRENCY', redis.call('HGET', ck, 'cur') }
end
if ARGV[12] == '' then
  return { 'NO_PRICE' }
end
local c = redis.call('HGET', ck, 'id')
local lf = 'l:' .. v
local line = redis.call('HGET', ck, lf)
local cur, t = 0, string.format('%.0f', now)
if line then
  local q, a, cu, added = parse(line)
  cur, t = q, added
elseif mode == 'set' then
  return { 'NO_LINE' }
elseif num(redis.call('HGET', ck, 'n')) >= maxLines then
  return { 'FULL' }
end
local newQ = units
if mode == 'add' then
  newQ = cur + units
end
if newQ > maxLine then
  return { 'LIMIT', math.max(0, maxLine - cur) }
end
purge(v, now)
local oh = stock(v, ARGV[10], ARGV[11]) or 0
local rk = P .. 'rsv:' .. v
local mine = num(redis.call('HGET', rk, c))
local others = num(redis.call('HGET', rk, '_t')) - mine
local grant = newQ
if newQ > cur then
  if others + newQ > oh then
    local free = math.max(0, oh - others)
    if mode == 'add' then
      free = math.max(0, free - cur)
    end
    return { 'OUT_OF_STOCK', free }
  end
else
  grant = math.max(math.min(newQ, mine), math.min(newQ, oh - others))
end
setres(v, c, grant, untilMs, now)
if grant < newQ then
  forget(ck)
end
if not line then
  redis.call('HINCRBY', ck, 'n', 1)
end
redis.call('HSET', ck, lf, newQ .. '|' .. ARGV[12] .. '|' .. ARGV[13] .. '|' .. t)
renew(ck, c, untilMs, now)
touch(ck, ttl, now)
local s = snapshot(ck, now)
return { 'OK', s[1], s[2] }
