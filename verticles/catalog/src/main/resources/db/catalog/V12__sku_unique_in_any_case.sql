-- SKUs are unique whatever their case: ABC-1 and abc-1 are one SKU. Every write that brings a new
-- SKU checks it under a lock on its lower case (ProductRepository.claimSkus), so no new pair can be
-- made either way; this index lets the database enforce it too, and serves look-ups by SKU in any
-- case. A shop may already hold SKUs that differ only in case (made before this release): they
-- stay as they are (both variants keep working; a look-up in exactly one of the cases finds that
-- one), the unique index cannot be built over them, and a plain one is built instead, so this
-- migration never fails on a shop's data. The catalog warns at every start while that lasts,
-- naming such SKUs; once one of each pair is renamed (or removed), build the unique index:
--   CREATE UNIQUE INDEX CONCURRENTLY variant_sku_lower_key ON catalog.variant (lower(sku));
--   DROP INDEX CONCURRENTLY catalog.variant_sku_lower;
-- The index name variant_sku_lower_key is part of the code: a violation of it is SKU_TAKEN.
-- SHARE mode: writes of nodes still running the previous release wait until this commits, so no pair
-- can appear between the look-up and the index.
LOCK TABLE variant IN SHARE MODE;
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM variant GROUP BY lower(sku) HAVING count(*) > 1) THEN
    RAISE WARNING 'catalog.variant holds SKUs that differ only in case: building a plain index on lower(sku), not a unique one';
    CREATE INDEX variant_sku_lower ON variant (lower(sku));
  ELSE
    CREATE UNIQUE INDEX variant_sku_lower_key ON variant (lower(sku));
  END IF;
END $$;
