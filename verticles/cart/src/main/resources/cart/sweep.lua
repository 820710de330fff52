-- ARGV: now ms, most entries. Releases lapsed reservations (noting each for ReservationExpired).
local now = tonumber(ARGV[1])
local due = redis.call('ZRANGEBYSCORE', P .. 'due', '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
local done = {}
for _, m in ipairs(due) do
  local v, c = string.match(m, '^([^|]+)|(.+)$')
  if v and not done[v] then
    done[v] = true
    purge(v, now)
  end
  if not v or not redis.call('ZSCORE', P .. 'rsx:' .. v, c) then
    redis.call('ZREM', P .. 'due', m)
  end
end
return #due
