-- When the provider observed what a payment's status last came from (ms since the epoch; Stripe's
-- event "created", else the time of asking): an older status report arriving later is ignored.
ALTER TABLE payment ADD COLUMN observed_at bigint NOT NULL DEFAULT 0;
