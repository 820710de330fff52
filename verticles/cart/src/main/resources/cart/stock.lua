-- ARGV: variant, on hand, product version, stock sequence ('' for none). The catalog changed the variant's stock on hand: lines
-- short of it reserve against the new figure at their cart's next activity.
-- Kept only for a variant Redis knows (reserved, or looked at by an add, or kept by an older
-- engine): an add always brings the catalog's figure, so a stock import over the whole catalogue
-- leaves no key per variant behind.
if redis.call('EXISTS', P .. 'rsv:' .. ARGV[1], P .. 'stk:' .. ARGV[1]) > 0 then
  stock(ARGV[1], ARGV[2], ARGV[3], ARGV[4])
end
return 'OK'
