-- The attempt that wrote a placement's row (a random id): a placement refused before its stock
-- was allocated removes the row only when it made it and no other attempt with the same key took
-- it over since; a row an earlier attempt left (its stock perhaps taken) stays for the reconciliation.
ALTER TABLE placement ADD COLUMN attempt uuid;
