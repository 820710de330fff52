-- The index's change version: bumped once by every transaction that writes what answers are
-- computed from (products, prices, the category tree, attributes, synonyms), at its commit, so it
-- becomes visible with the change itself. Each node polls it and drops its cached answers when it
-- moved (ResultCache); the lexicon's refresh bumps it too (materialized views have no triggers).
-- The triggers are deferred to the commit: the version row is locked only by committing
-- transactions, which wait for nothing else (no deadlock between writers of the same products).
CREATE TABLE change_version (
  id      int PRIMARY KEY CHECK (id = 1),
  version bigint NOT NULL
);
INSERT INTO change_version (id, version) VALUES (1, 0);

-- once per transaction: the transaction-local setting remembers that this one bumped already
CREATE FUNCTION bump_change_version() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  IF coalesce(current_setting('kinetic.search_bumped', true), '') = txid_current()::text THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('kinetic.search_bumped', txid_current()::text, true);
  UPDATE change_version SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER document_changed AFTER INSERT OR UPDATE OR DELETE ON document
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_change_version();
CREATE CONSTRAINT TRIGGER price_changed AFTER INSERT OR UPDATE OR DELETE ON price
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_change_version();
CREATE CONSTRAINT TRIGGER category_changed AFTER INSERT OR UPDATE OR DELETE ON category
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_change_version();
CREATE CONSTRAINT TRIGGER category_closure_changed AFTER INSERT OR UPDATE OR DELETE ON category_closure
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_change_version();
CREATE CONSTRAINT TRIGGER attribute_changed AFTER INSERT OR UPDATE OR DELETE ON attribute
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_change_version();
CREATE CONSTRAINT TRIGGER synonym_changed AFTER INSERT OR UPDATE OR DELETE ON synonym
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_change_version();
