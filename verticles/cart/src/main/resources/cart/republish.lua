-- ARGV: the reset's sequence, now ms, then variants (of cart:rsv keys found by a SCAN). Each of them
-- reserved (a total above 0) whose sequence is not above the reset's gets a new one above it
-- (bump) and is published again: the reset leaves its total as it is. Answers how many.
local s, now = num(ARGV[1]), tonumber(ARGV[2])
local n = 0
for i = 3, #ARGV do
  local v = ARGV[i]
  local h = redis.call('HMGET', P .. 'rsv:' .. v, '_t', '_s')
  if num(h[1]) > 0 and num(h[2]) <= s then
    bump(v, now)
    n = n + 1
  end
end
return n
