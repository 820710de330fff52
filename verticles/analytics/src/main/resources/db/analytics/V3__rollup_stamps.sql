-- When the product and category rollups of a day last changed: a paid order bumps its day's stamp
-- (a new value of rollup_stamp_seq, so stamps only grow) in the statement that adds its lines.
-- The dashboard keeps the product totals of whole months, weeks and days in memory and reads a
-- range's stamps to tell which of them are still current (any node, any number of nodes).
CREATE SEQUENCE rollup_stamp_seq;
CREATE TABLE rollup_stamp (
  currency char(3) NOT NULL,
  day      date    NOT NULL,
  stamp    bigint  NOT NULL,
  PRIMARY KEY (currency, day)
);
INSERT INTO rollup_stamp (currency, day, stamp)
SELECT currency, day, nextval('rollup_stamp_seq') FROM (SELECT DISTINCT currency, day FROM product_day) d;
