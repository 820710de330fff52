-- Units of each variant that shoppers' carts hold reserved, as the cart context last published
-- them (with its sequence, so an older total never overwrites a newer one). Shoppers see
-- available = stock_on_hand - reserved (never below 0). Stock on hand stays the catalog's truth.
ALTER TABLE variant ADD COLUMN reserved int NOT NULL DEFAULT 0;
ALTER TABLE variant ADD COLUMN reserved_seq bigint NOT NULL DEFAULT 0;
