-- The cart context's Redis data, changed only by these scripts (each runs atomically: no other
-- command interleaves, whichever node sends it). Keys:
--   cart:c:<customer id> / cart:g:<guest token>  hash: id, o (owner), cur, c (created ms),
--                        u (updated ms), v (version), n (lines), rn (see renew),
--                        l:<variant> = "qty|seen amount|seen currency|added ms"
--   cart:rsv:<variant>   hash: <cart id> = units reserved, x:<cart id> = the ms it lapses (as in
--                        rsx, so a cart's snapshot reads a line with one HMGET), _t = total
--                        reserved, _s = sequence of the total, _h = WIDE (below), _o = on
--                        hand, _v = the product version it was read at, _q = its stock
--                        sequence (the newest figure wins: see stock)
--   cart:rsx:<variant>   zset: <cart id> by the ms its reservation lapses
--   cart:stk:<variant>   hash: o, pv: where engines before _o/_v kept on hand; read only when the
--                        variant's cart:rsv has no _v, and left to expire
--   cart:due             zset: "<variant>|<cart id>" by lapse ms, for the sweeper
--   cart:dirty           hash: <variant> = sequence of a total not yet published to the catalog
--   cart:expired         list: "<variant>|<cart id>|<units>|<ms>" lapsed reservations not yet published
--   cart:epoch           the sequence of the latest reset (ReservedStockReset): every total's sequence
--                        is above it. Missing: this Redis lost its data (or never had any), and the
--                        catalog's figures must be reset (see Reservations)
--   cart:reset           the sequence of a reset begun and not yet published
--   cart:new-ip:<ip>     new guest carts the client address opened in the current minute (GuestCartLimiter, the kernel's WindowCounter)
-- Invariant: for every variant, _t is the sum of the carts' reservations, and a reservation is only
-- ever raised while _t stays at or below on hand. Lowering one is always allowed.
local P = 'cart:'
-- Written as _h with every reservation: a value longer than Redis's hash-max-listpack-value (64 by
-- default) keeps cart:rsv:<variant> a hash table. As a listpack (up to 128 fields by default, i.e.
-- up to ~60 carts holding the variant) every field lookup is a linear scan: an add's HMGETs cost
-- about 5 µs each there against 0.3 µs in a hash table (INFO commandstats), and an add makes ~9.
local WIDE = string.rep('h', 65)

local function num(x)
  return tonumber(x) or 0
end

local function parse(line)
  local q, a, c, t = string.match(line, '^(%d+)|([^|]*)|([^|]*)|(%d+)$')
  return num(q), a, c, t
end

-- the sequence of a variant's new total, after its previous one (prev): it grows also across a
-- Redis restart (never below the clock in microseconds) and is above the latest reset's (cart:epoch)
local function nextseq(prev, now)
  return string.format('%.0f', math.max(num(prev) + 1, now * 1000, num(redis.call('GET', P .. 'epoch')) + 1))
end

-- a new total of a variant's reservations: its sequence (nextseq), and the mark for publishing
local function bump(v, now)
  local rk = P .. 'rsv:' .. v
  local s = nextseq(redis.call('HGET', rk, '_s'), now)
  redis.call('HSET', rk, '_s', s, '_h', WIDE)
  redis.call('HSET', P .. 'dirty', v, s)
end

-- releases the lapsed reservations of a variant (at most 100 per call) and notes each for ReservationExpired
local function purge(v, now)
  local rk, xk = P .. 'rsv:' .. v, P .. 'rsx:' .. v
  local gone = redis.call('ZRANGEBYSCORE', xk, '-inf', now, 'LIMIT', 0, 100)
  if #gone == 0 then
    return
  end
  local freed = 0
  for _, c in ipairs(gone) do
    local q = num(redis.call('HGET', rk, c))
    redis.call('HDEL', rk, c, 'x:' .. c)
    redis.call('ZREM', xk, c)
    redis.call('ZREM', P .. 'due', v .. '|' .. c)
    if q > 0 then
      freed = freed + q
      redis.call('RPUSH', P .. 'expired', v .. '|' .. c .. '|' .. q .. '|' .. string.format('%.0f', now))
    end
  end
  if freed > 0 then
    redis.call('HINCRBY', rk, '_t', -freed)
    bump(v, now)
  end
end

-- on hand of a variant: the catalog's figure passed in, unless it is older than the one already
-- known; nil when unknown. A figure is older when its stock sequence (sq: the catalog's
-- variant.stock_seq, taken under the variant's row lock, so in commit order) is lower; when either
-- figure lacks one (an older node's), when the product version (pv) is lower. Figures relayed by
-- different nodes arrive in any order: an allocation does not change the product's version, so
-- only the sequence tells which of two such figures is newer. Kept as _o/_v/_q in the variant's
-- cart:rsv hash (no expiry, read with the reservations); known: {_o, _v, _q} when the caller read
-- them already. A hash without _v takes the figure an older engine kept in cart:stk:<variant>.
local function stock(v, onHand, pv, sq, known)
  local rk = P .. 'rsv:' .. v
  known = known or redis.call('HMGET', rk, '_o', '_v', '_q')
  local here = known[2]
  if not here then
    known = redis.call('HMGET', P .. 'stk:' .. v, 'o', 'pv')
  end
  local o, at, atq = known[1], known[2], known[3]
  if sq == '' then
    sq = nil
  end
  local newer = false
  if onHand ~= nil and onHand ~= '' then
    if not at then
      newer = true
    elseif sq and atq then
      newer = num(sq) > num(atq) or (num(sq) == num(atq) and num(pv) >= num(at))
    else
      newer = num(pv) >= num(at)
    end
  end
  if newer then
    o, at, atq = onHand, pv, sq
  end
  if not o then
    return nil
  end
  -- written only when it differs (an add of a variant whose figure is known costs no write)
  if not here or o ~= known[1] or at ~= known[2] or atq ~= known[3] then
    if atq then
      redis.call('HSET', rk, '_o', o, '_v', at or '0', '_q', atq)
    else
      redis.call('HSET', rk, '_o', o, '_v', at or '0')
      redis.call('HDEL', rk, '_q')
    end
  end
  return num(o)
end

-- a cart's reservation of a variant, its hold and its expiry mark gone
local function unhold(rk, xk, v, c)
  redis.call('HDEL', rk, c, 'x:' .. c)
  redis.call('ZREM', xk, c)
  redis.call('ZREM', P .. 'due', v .. '|' .. c)
end

-- sets a cart's reservation of a variant to q units until untilMs (0 releases it)
local function setres(v, c, q, untilMs, now)
  local rk, xk = P .. 'rsv:' .. v, P .. 'rsx:' .. v
  local mine = num(redis.call('HGET', rk, c))
  if q > 0 then
    redis.call('HSET', rk, c, q, 'x:' .. c, string.format('%.0f', untilMs), '_h', WIDE)
    redis.call('ZADD', xk, untilMs, c)
    redis.call('ZADD', P .. 'due', untilMs, v .. '|' .. c)
  else
    unhold(rk, xk, v, c)
  end
  if q ~= mine then
    redis.call('HINCRBY', rk, '_t', q - mine)
    bump(v, now)
  end
end

-- cart activity: every line's reservation runs until untilMs again; a line holding fewer units
-- reserved than it asks for (lapsed, or stock was short) gets what is free now, never more
-- (a line fully reserved whose reservation was renewed within the last tenth of its time is left as is).
-- The cart's field rn keeps the earliest lapse of its lines after a renewal that left every line
-- fully reserved: while that is still beyond the last tenth, there is nothing to renew (one HGET
-- instead of a pass over the lines). Whatever can leave a line short drops rn (forget).
local function renewWith(ck, c, untilMs, now, rn)
  local fresh = untilMs - (untilMs - now) / 10
  if num(rn) >= fresh then
    return false
  end
  local earliest, short = untilMs, false
  local f = redis.call('HGETALL', ck)
  for i = 1, #f, 2 do
    if string.sub(f[i], 1, 2) == 'l:' then
      local v = string.sub(f[i], 3)
      local q = parse(f[i + 1])
      purge(v, now)
      local rk = P .. 'rsv:' .. v
      local r = redis.call('HMGET', rk, c, 'x:' .. c)
      local mine = num(r[1])
      local lapse = tonumber(r[2] or (mine > 0 and redis.call('ZSCORE', P .. 'rsx:' .. v, c)) or '0')
      if mine < q or lapse < fresh then
        local want = math.min(q, mine)
        if mine < q then
          local oh = stock(v, nil, nil, nil)
          if oh then
            local others = num(redis.call('HGET', rk, '_t')) - mine
            want = math.max(mine, math.min(q, oh - others))
          end
        end
        setres(v, c, want, untilMs, now)
        lapse = untilMs
        short = short or want < q
      end
      earliest = math.min(earliest, lapse)
    end
  end
  if short then
    redis.call('HDEL', ck, 'rn')
  else
    redis.call('HSET', ck, 'rn', string.format('%.0f', earliest))
  end
  return true
end

-- renewWith with the cart's rn as it is in Redis now
local function renew(ck, c, untilMs, now)
  renewWith(ck, c, untilMs, now, redis.call('HGET', ck, 'rn'))
end

-- a line of the cart may hold fewer units than it asks for: the next renewal passes over every line
local function forget(ck)
  redis.call('HDEL', ck, 'rn')
end

local function touch(ck, ttl, now)
  redis.call('HSET', ck, 'u', string.format('%.0f', now))
  redis.call('HINCRBY', ck, 'v', 1)
  redis.call('PEXPIRE', ck, ttl)
end

-- the cart's hash and, per line, {variant, reserved for it, reserved by others, '', lapse ms}: one
-- HMGET a line. The fourth value, once on hand as Redis knew it, is always '' now: the cart prices
-- every line with the catalog's figure, and a line the catalog no longer knows is unavailable.
-- read (optional): a variant's {units of this cart, _t, x:<cart>} as the caller knows them now.
local function snapshot(ck, now, read)
  local f = redis.call('HGETALL', ck)
  local c
  for i = 1, #f, 2 do
    if f[i] == 'id' then
      c = f[i + 1]
      break
    end
  end
  local extra = {}
  for i = 1, #f, 2 do
    if string.sub(f[i], 1, 2) == 'l:' then
      local v = string.sub(f[i], 3)
      local r
      if read and read.v == v then
        r = read.r
      else
        r = redis.call('HMGET', P .. 'rsv:' .. v, c, '_t', 'x:' .. c)
      end
      local held = num(r[1])
      local mine, lapse = 0, ''
      -- a reservation made before lapses were kept in rsv has its lapse in rsx only; a lapse
      -- without units (left by such an engine's release) says nothing
      local score = held > 0 and (r[3] or redis.call('ZSCORE', P .. 'rsx:' .. v, c))
      if score and tonumber(score) > now then
        mine = held
        lapse = score
      end
      local others = math.max(0, num(r[2]) - held)
      local n = #extra
      extra[n + 1] = v
      extra[n + 2] = tostring(mine)
      extra[n + 3] = tostring(others)
      extra[n + 4] = ''
      extra[n + 5] = lapse
    end
  end
  return { f, extra }
end
