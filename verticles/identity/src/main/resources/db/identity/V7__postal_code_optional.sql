-- An address in a country without postal codes in general use (AE, HK, ...) has none.
ALTER TABLE customer_address ALTER COLUMN postal_code DROP NOT NULL;
