-- ARGV: variant, on hand, product version. The catalog changed the variant's stock on hand: lines
-- short of it reserve against the new figure at their cart's next activity.
stock(ARGV[1], ARGV[2], ARGV[3])
return 'OK'
