-- Paid order lines per product and per category per week (from Monday), so that a range's top
-- lists read whole months, then whole weeks, and only the few days left at its ends from the day
-- tables. Filled from the day tables for what was applied before.
CREATE TABLE product_week (
  currency   char(3) NOT NULL,
  week       date    NOT NULL,
  product_id uuid    NOT NULL,
  units      bigint  NOT NULL,
  revenue    bigint  NOT NULL,
  PRIMARY KEY (currency, week, product_id)
);
CREATE TABLE category_week (
  currency    char(3) NOT NULL,
  week        date    NOT NULL,
  category_id uuid    NOT NULL,
  units       bigint  NOT NULL,
  revenue     bigint  NOT NULL,
  PRIMARY KEY (currency, week, category_id)
);
INSERT INTO product_week (currency, week, product_id, units, revenue)
SELECT currency, date_trunc('week', day::timestamp)::date, product_id, sum(units), sum(revenue) FROM product_day GROUP BY 1, 2, 3;
INSERT INTO category_week (currency, week, category_id, units, revenue)
SELECT currency, date_trunc('week', day::timestamp)::date, category_id, sum(units), sum(revenue) FROM category_day GROUP BY 1, 2, 3;
