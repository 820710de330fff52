-- ARGV: counter key, window seconds. Counts one more in a fixed window that starts with the first
-- count (its expiry is set then): the count and the seconds left in the window (at least 1).
local n = redis.call('INCR', ARGV[1])
local ttl = redis.call('TTL', ARGV[1])
if ttl < 0 then
  redis.call('EXPIRE', ARGV[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
return { n, math.max(ttl, 1) }
