-- ARGV: the reset's sequence. Its event committed: the reset is no longer pending (unless a newer one began).
if redis.call('GET', P .. 'reset') == ARGV[1] then
  redis.call('DEL', P .. 'reset')
end
return 'OK'
