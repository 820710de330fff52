-- ARGV: a sequence above every total the cart published (Reservations takes it from PostgreSQL).
-- This Redis holds no cart:epoch: it lost its data or never had any. From now on every new total's
-- sequence is above the reset's (cart:epoch, read by nextseq), and the reset is pending until it is
-- published (cart:reset). When nodes begin one at once, the higher sequence stays. Answers the
-- pending reset's sequence.
local s = ARGV[1]
local e = redis.call('GET', P .. 'epoch')
if e and num(e) >= num(s) then
  return redis.call('GET', P .. 'reset') or ''
end
redis.call('SET', P .. 'epoch', s)
redis.call('SET', P .. 'reset', s)
return s
