-- The admin's recommender settings (one row; none until the first change: the configuration's
-- defaults apply). version counts the changes; every node reloads the row when told or polling.
CREATE TABLE settings (
  id               smallint PRIMARY KEY CHECK (id = 1),
  ab_split_percent integer NOT NULL CHECK (ab_split_percent BETWEEN 0 AND 100),
  arms             jsonb NOT NULL,
  version          bigint NOT NULL,
  updated_at       timestamptz NOT NULL,
  updated_by       text
);
