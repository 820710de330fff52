-- ARGV: per variant: variant, sequence. Those totals are published: unmark them unless they changed since.
for i = 1, #ARGV, 2 do
  if redis.call('HGET', P .. 'dirty', ARGV[i]) == ARGV[i + 1] then
    redis.call('HDEL', P .. 'dirty', ARGV[i])
  end
end
return 'OK'
