-- What each move of the change version changed, so a node retires only the cached answers a change
-- can affect (ResultCache). Every committed transaction that writes what answers are computed from
-- still moves change_version once, at its commit (the row lock orders the versions by commit), and
-- now also writes rows here under its version:
--   product_id and currency set: the price of that product in that currency changed (old_min and
--     new_min its lowest amount before and after, old_max and new_max its highest; NULL when the row
--     came or went);
--   product_id set, currency NULL: the product's availability (in stock or not) changed;
--   product_id set, card true: only the product's units changed (its card's stock level);
--   product_id NULL: anything else (a product's text, publication, categories or attributes, a new or
--     removed row, the category tree, attribute definitions, synonyms): every answer may change.
--     lexicon is true for the lexicon's refresh (it must not cause another refresh).
-- A version without rows (written by an older engine) counts as a change of everything. Rows are
-- purged after a minute; a node that fell further behind retires everything.
CREATE TABLE change_log (
  version    bigint NOT NULL,
  product_id uuid,
  currency   char(3),
  lexicon    boolean NOT NULL DEFAULT false,
  card       boolean NOT NULL DEFAULT false,
  old_min    bigint,
  new_min    bigint,
  old_max    bigint,
  new_max    bigint,
  at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX change_log_version ON change_log (version);

-- The transaction's version (taken once, at its first logged row: that locks the version row till
-- the commit), then the row; after a change of everything the transaction logs nothing more.
-- kinetic.search_bumped holds 'txid:version:g' (g = 1 once everything changed).
CREATE FUNCTION log_change(changed uuid, changed_currency text, of_lexicon boolean, card_only boolean,
                           was bigint DEFAULT NULL, now_is bigint DEFAULT NULL,
                           was_max bigint DEFAULT NULL, now_max bigint DEFAULT NULL) RETURNS void
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  state text := coalesce(current_setting('kinetic.search_bumped', true), '');
  tx text := txid_current()::text;
  v bigint;
BEGIN
  IF split_part(state, ':', 1) = tx THEN
    IF split_part(state, ':', 3) = '1' THEN
      RETURN;
    END IF;
    v := split_part(state, ':', 2)::bigint;
  ELSE
    UPDATE change_version SET version = version + 1 WHERE id = 1 RETURNING version INTO v;
  END IF;
  INSERT INTO change_log (version, product_id, currency, lexicon, card, old_min, new_min, old_max, new_max)
    VALUES (v, changed, changed_currency, of_lexicon, card_only, was, now_is, was_max, now_max);
  PERFORM set_config('kinetic.search_bumped', tx || ':' || v || ':' || CASE WHEN changed IS NULL THEN '1' ELSE '0' END, true);
END $$;

-- any table but document and price: everything may change
CREATE OR REPLACE FUNCTION bump_change_version() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  PERFORM log_change(NULL, NULL, false, false);
  RETURN NULL;
END $$;

-- a product's row: only its units, availability or version changed, or anything else
CREATE FUNCTION document_changed() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NOT OLD.published AND NOT NEW.published THEN
    RETURN NULL; -- never found, never a word or a brand: no answer reads it
  END IF;
  -- the vectors and folded names are computed from the other columns and the category tree (whose
  -- own changes count as everything): compared through those (a recomputation may order the
  -- categories' words differently)
  IF TG_OP = 'UPDATE'
     AND (to_jsonb(OLD) - '{variants,in_stock,version,indexed_at,vector_en,vector_de,folded}'::text[])
         IS NOT DISTINCT FROM (to_jsonb(NEW) - '{variants,in_stock,version,indexed_at,vector_en,vector_de,folded}'::text[]) THEN
    IF OLD.in_stock IS DISTINCT FROM NEW.in_stock THEN
      PERFORM log_change(NEW.product_id, NULL, false, false);
    ELSIF OLD.variants IS DISTINCT FROM NEW.variants THEN
      PERFORM log_change(NEW.product_id, NULL, false, true);
    END IF;
  ELSE
    PERFORM log_change(NULL, NULL, false, false);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION price_changed() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM log_change(OLD.product_id, OLD.currency, false, false);
  ELSIF TG_OP = 'INSERT' THEN
    PERFORM log_change(NEW.product_id, NEW.currency, false, false);
  ELSIF OLD IS DISTINCT FROM NEW THEN
    IF OLD.product_id IS DISTINCT FROM NEW.product_id OR OLD.currency IS DISTINCT FROM NEW.currency THEN
      PERFORM log_change(NULL, NULL, false, false);
    ELSE
      PERFORM log_change(NEW.product_id, NEW.currency, false, false, OLD.min_amount, NEW.min_amount, OLD.max_amount, NEW.max_amount);
    END IF;
  END IF;
  RETURN NULL;
END $$;

DROP TRIGGER document_changed ON document;
DROP TRIGGER document_updated ON document;
DROP TRIGGER price_changed ON price;
CREATE CONSTRAINT TRIGGER document_changed AFTER INSERT OR UPDATE OR DELETE ON document
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION document_changed();
CREATE CONSTRAINT TRIGGER price_changed AFTER INSERT OR UPDATE OR DELETE ON price
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION price_changed();
