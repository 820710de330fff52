-- ARGV: cart key, now ms, ttl ms, reserve-until ms, variant, units, mode ('add' adds units to the
-- line, 'set' sets the line to units), max units per line, max lines, on hand, product version,
-- current price amount ('' for none) and the currency it was read in (when that is not the
-- cart's currency, nothing changes and the answer names the cart's currency), and the stock
-- sequence of the on-hand figure ('' for none).
-- The hot path of the cart: it reads what it needs with one HMGET per hash and writes each hash
-- once where it can (the same effects as setres, bump, renew and touch of lib.lua).
local ck, now, ttl, untilMs, v = ARGV[1], tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4]), ARGV[5]
local units, mode, maxLine, maxLines = tonumber(ARGV[6]), ARGV[7], tonumber(ARGV[8]), tonumber(ARGV[9])
local lf = 'l:' .. v
-- every cart has a currency: none means no cart
local h = redis.call('HMGET', ck, 'cur', 'id', lf, 'n', 'rn', 'v')
if not h[1] then
  return { 'NO_CART' }
end
if h[1] ~= ARGV[13] then
  return { 'CURRENCY', h[1] }
end
if ARGV[12] == '' then
  return { 'NO_PRICE' }
end
local c, line, rn = h[2], h[3], h[5]
local cur, t = 0, string.format('%.0f', now)
if line then
  local q, a, cu, added = parse(line)
  cur, t = q, added
elseif mode == 'set' then
  return { 'NO_LINE' }
elseif num(h[4]) >= maxLines then
  return { 'FULL' }
end
local newQ = units
if mode == 'add' then
  newQ = cur + units
end
if newQ > maxLine then
  return { 'LIMIT', math.max(0, maxLine - cur) }
end
local rk, xk = P .. 'rsv:' .. v, P .. 'rsx:' .. v
local function holdings()
  return redis.call('HMGET', rk, c, '_t', '_s', 'x:' .. c, '_o', '_v', '_q')
end
local r = holdings()
local oh = stock(v, ARGV[10], ARGV[11], ARGV[14], { r[5], r[6], r[7] }) or 0
local mine = num(r[1])
local others = num(r[2]) - mine
-- the variant's lapsed reservations are released (purge, which reports each) when this cart's own
-- has lapsed (it must be reported, and it no longer holds anything), or when the line needs more
-- units than it holds and the others' leave too few: otherwise they change nothing here, and the
-- sweeper releases and reports them. (A reservation whose lapse an older engine kept in rsx only
-- has no x:<cart>: purge then looks, and releases it only if it has lapsed.)
if (mine > 0 and num(r[4]) <= now) or (newQ > mine and others + newQ > oh) then
  purge(v, now)
  r = holdings()
  mine = num(r[1])
  others = num(r[2]) - mine
end
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
-- the reservation (setres): its lapse moves to untilMs unless the line already held units and the
-- cart's rn says every line's reservation runs beyond the last tenth of its time (as renew leaves
-- such lines), so an add to a fresh line writes no sorted set
local fresh = untilMs - (untilMs - now) / 10
local moved = grant > 0 and not (line and mine > 0 and num(rn) >= fresh)
local until_ = string.format('%.0f', untilMs)
if moved then
  redis.call('ZADD', xk, untilMs, c)
  redis.call('ZADD', P .. 'due', untilMs, v .. '|' .. c)
elseif grant == 0 then
  unhold(rk, xk, v, c)
end
-- the new total is written with the reservation (no other change of _t since it was read)
local total = num(r[2]) + grant - mine
if grant ~= mine then
  -- a new total (bump): its sequence and the mark for publishing
  local s = nextseq(r[3], now)
  if moved then
    redis.call('HSET', rk, c, grant, 'x:' .. c, until_, '_t', total, '_s', s, '_h', WIDE)
  elseif grant > 0 then
    redis.call('HSET', rk, c, grant, '_t', total, '_s', s, '_h', WIDE)
  else
    redis.call('HSET', rk, '_t', total, '_s', s, '_h', WIDE)
  end
  redis.call('HSET', P .. 'dirty', v, s)
elseif moved then
  redis.call('HSET', rk, 'x:' .. c, until_, '_h', WIDE)
end
if grant < newQ then
  forget(ck)
  rn = false
end
-- the line, the cart's change time and version and (for a new line) its count in one write (touch)
local version = num(h[6]) + 1
if line then
  redis.call('HSET', ck, lf, newQ .. '|' .. ARGV[12] .. '|' .. ARGV[13] .. '|' .. t, 'u', string.format('%.0f', now),
    'v', version)
else
  redis.call('HSET', ck, lf, newQ .. '|' .. ARGV[12] .. '|' .. ARGV[13] .. '|' .. t, 'u', string.format('%.0f', now),
    'v', version, 'n', num(h[4]) + 1)
end
local renewed = renewWith(ck, c, untilMs, now, rn)
redis.call('PEXPIRE', ck, ttl)
-- this line's reservation as written above, unless the renewal passed over the lines again
local read
if not renewed then
  local lapse = false
  if grant > 0 then
    lapse = moved and until_ or r[4]
  end
  read = { v = v, r = { tostring(grant), tostring(total), lapse } }
end
local s = snapshot(ck, now, read)
return { 'OK', s[1], s[2] }
