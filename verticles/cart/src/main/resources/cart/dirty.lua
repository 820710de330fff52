-- ARGV: most variants. Totals to publish: {variant, reserved, sequence} of variants marked dirty.
local r = redis.call('HSCAN', P .. 'dirty', 0, 'COUNT', tonumber(ARGV[1]))
local out = {}
local f = r[2]
for i = 1, #f, 2 do
  local v = f[i]
  table.insert(out, v)
  table.insert(out, tostring(math.max(0, num(redis.call('HGET', P .. 'rsv:' .. v, '_t')))))
  table.insert(out, f[i + 1])
end
return out
