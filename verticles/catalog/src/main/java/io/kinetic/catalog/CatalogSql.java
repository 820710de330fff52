package io.kinetic.catalog;

/**
 * Every SQL statement of the catalog. Tables are unqualified (the pool's search path is the catalog
 * schema); JSON parameters travel as text and are cast ({@code $n::text::jsonb}) so the driver
 * never re-encodes them as JSON strings. Bulk statements take one array per column and
 * {@code unnest} them: one round trip for a thousand rows.
 */
public final class CatalogSql {

  private CatalogSql() {
  }

  // ---- product reads -------------------------------------------------------------------------

  /** Whole products (categories in input order, variants with prices as JSON) by id, in one snapshot. */
  public static final String SELECT_PRODUCTS = """
    SELECT p.id, p.slug, p.status, p.default_locale, p.translations::text AS translations,
           p.attributes::text AS attributes, p.media::text AS media, p.seo::text AS seo,
           p.created_at, p.updated_at, p.version, p.tax_class,
           ARRAY(SELECT pc.category_id FROM product_category pc WHERE pc.product_id = p.id
                 ORDER BY pc.position, pc.category_id) AS category_ids,
           (SELECT coalesce(json_agg(json_build_object(
                     'id', v.id, 'sku', v.sku, 'options', v.options, 'stockOnHand', v.stock_on_hand,
                     'stockSeq', v.stock_seq, 'reserved', coalesce(r.reserved, 0), 'reservedSeq', coalesce(r.reserved_seq, 0),
                     'prices', (SELECT coalesce(json_agg(json_build_object('amount', vp.amount, 'currency', vp.currency)
                                                ORDER BY vp.currency), '[]'::json)
                                FROM variant_price vp WHERE vp.variant_id = v.id))
                   ORDER BY v.position, v.sku), '[]'::json)
            FROM variant v LEFT JOIN variant_reserved r ON r.variant_id = v.id WHERE v.product_id = p.id)::text AS variants
    FROM product p WHERE p.id = ANY($1)
    """;

  public static final String PRODUCT_ID_BY_SLUG = "SELECT id FROM product WHERE slug = $1";

  /** The products owning the variants with ids {@code $1} or SKUs {@code $2} (lower case: a SKU is found whatever its case). */
  public static final String PRODUCTS_OF_VARIANTS = """
    SELECT DISTINCT product_id FROM variant WHERE id = ANY($1) OR lower(sku) = ANY($2)
    """;

  // ---- product writes ------------------------------------------------------------------------

  public static final String INSERT_PRODUCTS = """
    INSERT INTO product (id, slug, status, default_locale, translations, sort_name, attributes, media, seo,
                         created_at, updated_at, version, tax_class)
    SELECT t.id, t.slug, t.status, t.default_locale, t.translations::jsonb, t.sort_name, t.attributes::jsonb,
           t.media::jsonb, t.seo::jsonb, t.created_at, t.created_at, 1, t.tax_class
    FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                $9::text[], $10::timestamptz[], $11::text[])
      AS t(id, slug, status, default_locale, translations, sort_name, attributes, media, seo, created_at, tax_class)
    """;

  public static final String INSERT_PRODUCT_CATEGORIES = """
    INSERT INTO product_category (product_id, category_id, position)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[])
    """;

  public static final String INSERT_VARIANTS = """
    INSERT INTO variant (id, product_id, sku, options, position, stock_on_hand)
    SELECT t.id, t.product_id, t.sku, t.options::jsonb, t.position, t.stock
    FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::int[], $6::int[])
      AS t(id, product_id, sku, options, position, stock)
    """;

  public static final String INSERT_PRICES = """
    INSERT INTO variant_price (variant_id, product_id, currency, amount)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::bigint[])
    """;

  public static final String DELETE_MIN_PRICES = "DELETE FROM product_min_price WHERE product_id = ANY($1)";

  public static final String INSERT_MIN_PRICES = """
    INSERT INTO product_min_price (product_id, currency, amount)
    SELECT product_id, currency, min(amount) FROM variant_price WHERE product_id = ANY($1)
    GROUP BY product_id, currency
    """;

  /**
   * Locks the product for the rest of the transaction. Its variants are read by a separate
   * statement: one that waited for the lock would otherwise see them as they were before it waited.
   */
  public static final String LOCK_PRODUCT = "SELECT slug, version FROM product WHERE id = $1 FOR UPDATE";

  /** The product's variants with the prices each holds ({@code EUR:1999}). */
  public static final String VARIANTS_OF_PRODUCT = """
    SELECT v.sku, v.id, ARRAY(SELECT vp.currency || ':' || vp.amount FROM variant_price vp WHERE vp.variant_id = v.id) AS prices
    FROM variant v WHERE v.product_id = $1 ORDER BY v.position
    """;

  public static final String UPDATE_PRODUCT = """
    UPDATE product SET slug = $2, status = $3, default_locale = $4, translations = $5::text::jsonb, sort_name = $6,
                       attributes = $7::text::jsonb, media = $8::text::jsonb, seo = $9::text::jsonb,
                       tax_class = $10, updated_at = now(), version = version + 1
    WHERE id = $1
    """;

  /** A change to a variant, price or stock is a new version of the product too. */
  public static final String TOUCH_PRODUCT = """
    UPDATE product SET updated_at = now(), version = version + 1 WHERE id = $1 RETURNING slug, version
    """;

  public static final String DELETE_PRODUCT_CATEGORIES = "DELETE FROM product_category WHERE product_id = $1";

  /** Deletes the product's variants other than the kept ones (by id). */
  public static final String DELETE_VARIANTS_EXCEPT = "DELETE FROM variant WHERE product_id = $1 AND id <> ALL($2)";

  /**
   * Stock below zero in the input means "keep what is on hand". The SKU is written too: a kept
   * variant may have been given its SKU in another case.
   */
  public static final String UPDATE_VARIANTS = """
    UPDATE variant v SET options = t.options::jsonb, position = t.position, sku = t.sku,
                         stock_on_hand = CASE WHEN t.stock < 0 THEN v.stock_on_hand ELSE t.stock END,
                         stock_seq = CASE WHEN t.stock < 0 THEN v.stock_seq ELSE nextval('variant_stock_seq') END
    FROM unnest($1::uuid[], $2::text[], $3::int[], $4::int[], $5::text[]) AS t(id, options, position, stock, sku)
    WHERE v.id = t.id
    """;

  public static final String DELETE_PRODUCT_PRICES = "DELETE FROM variant_price WHERE product_id = $1";

  public static final String DELETE_PRODUCT = "DELETE FROM product WHERE id = $1 RETURNING slug, version + 1 AS version";

  /**
   * The variant with SKU {@code $1} whatever its case (the one in exactly that case first: a shop may
   * hold SKUs that differ only in case from before they were unique regardless of it, see V12).
   */
  public static final String VARIANT_BY_SKU = """
    SELECT id, product_id, sku FROM variant WHERE lower(sku) = lower($1) ORDER BY sku = $1 DESC, id LIMIT 1
    """;

  /**
   * Locks the SKUs {@code $1} (lower case) for the rest of the transaction, in one order, so that two
   * writes claiming the same SKU in different cases take turns: the second one's {@link #SKUS_HELD}
   * then sees the first one's variant (the index on {@code lower(sku)} may be a plain one, see V12).
   */
  public static final String LOCK_SKUS = """
    SELECT pg_advisory_xact_lock(hashtext('kinetic.catalog.sku'), h)
    FROM (SELECT DISTINCT hashtext(s) AS h FROM unnest($1::text[]) AS t(s) ORDER BY 1) AS locks
    """;

  /** The SKUs held by variants whose lower case is one of {@code $1}. */
  public static final String SKUS_HELD = "SELECT sku FROM variant WHERE lower(sku) = ANY($1)";

  /** Whether the case-insensitive unique index on SKUs exists (V12 builds it unless SKUs differing only in case exist). */
  public static final String SKU_INDEX_UNIQUE = "SELECT to_regclass('variant_sku_lower_key') IS NOT NULL AS unique_index";

  /** Up to 10 SKUs held in more than one case, with how many variants hold each. */
  public static final String SKUS_IN_SEVERAL_CASES = """
    SELECT lower(sku) AS sku, count(*) AS variants, count(*) OVER () AS total FROM variant
    GROUP BY lower(sku) HAVING count(*) > 1 ORDER BY 1 LIMIT 10
    """;

  public static final String NEXT_VARIANT_POSITION = """
    SELECT coalesce(max(position) + 1, 0) AS position FROM variant WHERE product_id = $1
    """;

  public static final String UPSERT_PRICE = """
    INSERT INTO variant_price (variant_id, product_id, currency, amount) VALUES ($1, $2, $3, $4)
    ON CONFLICT (variant_id, currency) DO UPDATE SET amount = EXCLUDED.amount
    """;

  /**
   * The cart's reserved totals, each kept only when newer than the one stored and than the latest
   * reset; answers the changed variants with their product and what is available now.
   */
  public static final String SET_RESERVED = """
    WITH t AS (
      SELECT t.id, t.reserved, t.seq FROM unnest($1::uuid[], $2::int[], $3::bigint[]) AS t(id, reserved, seq)
      WHERE EXISTS (SELECT 1 FROM variant v WHERE v.id = t.id)
        AND t.seq > coalesce((SELECT sequence FROM reserved_reset), 0)),
    up AS (
      INSERT INTO variant_reserved AS r (variant_id, reserved, reserved_seq)
      SELECT id, reserved, seq FROM t ORDER BY id
      ON CONFLICT (variant_id) DO UPDATE SET reserved = EXCLUDED.reserved, reserved_seq = EXCLUDED.reserved_seq
      WHERE r.reserved_seq < EXCLUDED.reserved_seq
      RETURNING r.variant_id, r.reserved, r.reserved_seq)
    SELECT up.variant_id AS id, v.product_id, greatest(v.stock_on_hand - up.reserved, 0) AS available, up.reserved_seq AS seq, up.reserved,
      p.version
    FROM up JOIN variant v ON v.id = up.variant_id JOIN product p ON p.id = v.product_id
    """;

  /**
   * The carts' reservations were lost (ReservedStockReset at sequence {@code $1}): the latest reset
   * moves up to it, and every reserved total above 0 with a lower sequence is 0 now, at that
   * sequence; answers those variants as {@link #SET_RESERVED} does.
   */
  public static final String RESET_RESERVED = """
    WITH reset AS (
      INSERT INTO reserved_reset AS r (id, sequence) VALUES (true, $1)
      ON CONFLICT (id) DO UPDATE SET sequence = greatest(r.sequence, EXCLUDED.sequence)),
    up AS (
      UPDATE variant_reserved r SET reserved = 0, reserved_seq = $1
      WHERE r.reserved_seq < $1 AND r.reserved <> 0
      RETURNING r.variant_id, r.reserved, r.reserved_seq)
    SELECT up.variant_id AS id, v.product_id, greatest(v.stock_on_hand - up.reserved, 0) AS available, up.reserved_seq AS seq, up.reserved,
      p.version
    FROM up JOIN variant v ON v.id = up.variant_id JOIN product p ON p.id = v.product_id
    """;

  public static final String SET_STOCK =
    "UPDATE variant SET stock_on_hand = $2, stock_seq = nextval('variant_stock_seq') WHERE id = $1 RETURNING stock_seq";

  public static final String DELETE_VARIANT = "DELETE FROM variant WHERE id = $1";

  // ---- categories ----------------------------------------------------------------------------

  public static final String SELECT_CATEGORIES = """
    SELECT id, parent_id, slug, names::text AS names, position FROM category
    """;

  public static final String EXISTING_CATEGORIES = "SELECT id FROM category WHERE id = ANY($1)";

  /** Serialises category writes, so two concurrent moves cannot build a cycle together. */
  public static final String LOCK_CATEGORY_TREE = "SELECT pg_advisory_xact_lock(hashtext('kinetic.catalog.category-tree'))";

  /** True when {@code $2} is {@code $1} or one of its ancestors: making $2 the parent of $1 would close a cycle. */
  public static final String IS_ANCESTOR_OR_SELF = """
    WITH RECURSIVE up(id, parent_id) AS (
      SELECT id, parent_id FROM category WHERE id = $2
      UNION
      SELECT c.id, c.parent_id FROM category c JOIN up ON c.id = up.parent_id
    )
    SELECT EXISTS (SELECT 1 FROM up WHERE id = $1) AS cycle
    """;

  public static final String INSERT_CATEGORY = """
    INSERT INTO category (id, parent_id, slug, names, position) VALUES ($1, $2, $3, $4::text::jsonb, $5)
    RETURNING version
    """;

  public static final String UPDATE_CATEGORY = """
    UPDATE category SET parent_id = $2, slug = $3, names = $4::text::jsonb, position = $5, version = version + 1
    WHERE id = $1 RETURNING version
    """;

  public static final String CATEGORY_USAGE = """
    SELECT EXISTS (SELECT 1 FROM category WHERE parent_id = $1) AS children,
           EXISTS (SELECT 1 FROM product_category WHERE category_id = $1) AS products
    """;

  public static final String DELETE_CATEGORY = "DELETE FROM category WHERE id = $1 RETURNING version + 1 AS version";

  // ---- attributes ----------------------------------------------------------------------------

  public static final String SELECT_ATTRIBUTES = """
    SELECT code, type, unit, values::text AS values, names::text AS names FROM attribute ORDER BY code
    """;

  /** The definitions a product write uses, share-locked so they cannot be deleted or retyped under it. */
  public static final String LOCK_ATTRIBUTES = """
    SELECT code, type, unit, values::text AS values, names::text AS names FROM attribute
    WHERE code = ANY($1) FOR SHARE
    """;

  /** Creates or replaces; the version comes from {@code attribute_version}, which survives deletes. */
  public static final String UPSERT_ATTRIBUTE = """
    WITH v AS (
      INSERT INTO attribute_version (code, version) VALUES ($1, 1)
      ON CONFLICT (code) DO UPDATE SET version = attribute_version.version + 1
      RETURNING version)
    INSERT INTO attribute (code, type, unit, values, names, version)
    VALUES ($1, $2, $3, $4::text::jsonb, $5::text::jsonb, (SELECT version FROM v))
    ON CONFLICT (code) DO UPDATE SET type = EXCLUDED.type, unit = EXCLUDED.unit, values = EXCLUDED.values,
                                     names = EXCLUDED.names, version = EXCLUDED.version
    RETURNING version
    """;

  /** Products whose value for attribute {@code $1} would not fit a definition of type {@code $2} (values {@code $3}). */
  public static final String NONCONFORMING_PRODUCTS = """
    SELECT count(*) AS n FROM product
    WHERE attributes ? $1::text AND NOT CASE $2::text
      WHEN 'NUMBER' THEN jsonb_typeof(attributes -> $1::text) = 'number'
      WHEN 'BOOLEAN' THEN jsonb_typeof(attributes -> $1::text) = 'boolean'
      WHEN 'TEXT' THEN jsonb_typeof(attributes -> $1::text) = 'string'
      ELSE jsonb_typeof(attributes -> $1::text) = 'string' AND (attributes ->> $1::text) = ANY($3::text[])
    END
    """;

  public static final String ATTRIBUTE_IN_USE = "SELECT EXISTS (SELECT 1 FROM product WHERE attributes ? $1::text) AS used";

  public static final String DELETE_ATTRIBUTE = """
    WITH gone AS (DELETE FROM attribute WHERE code = $1 RETURNING code, version)
    INSERT INTO attribute_version (code, version) SELECT code, version + 1 FROM gone
    ON CONFLICT (code) DO UPDATE SET version = greatest(attribute_version.version, excluded.version - 1) + 1
    RETURNING version
    """;

  // ---- product list (assembled by ProductListQuery) ------------------------------------------

  public static final String LIST_BY_CREATED = "SELECT p.id, p.created_at AS k FROM product p";
  public static final String LIST_BY_NAME = "SELECT p.id, p.sort_name AS k FROM product p";
  public static final String LIST_BY_PRICE = """
    SELECT p.id, m.amount AS k FROM product_min_price m JOIN product p ON p.id = m.product_id
    """;
  public static final String WHERE_PRICE_CURRENCY = "m.currency = $%d";
  public static final String WHERE_STATUS = "p.status = $%d";
  /** One word of an admin search (a LIKE pattern, lower case): in the name, the slug or a SKU. */
  public static final String WHERE_TEXT = """
    (p.sort_name LIKE $%1$d OR p.slug LIKE $%1$d
     OR EXISTS (SELECT 1 FROM variant v WHERE v.product_id = p.id AND lower(v.sku) LIKE $%1$d))""";
  public static final String WHERE_CATEGORY = """
    EXISTS (SELECT 1 FROM product_category pc WHERE pc.product_id = p.id AND pc.category_id = ANY($%d))""";
  public static final String WHERE_ATTRIBUTES = "p.attributes @> $%d::text::jsonb";
  public static final String WHERE_PRICE_RANGE = """
    EXISTS (SELECT 1 FROM variant_price vp WHERE vp.product_id = p.id AND vp.currency = $%d%s)""";
  public static final String AND_PRICE_AT_LEAST = " AND vp.amount >= $%d";
  public static final String AND_PRICE_AT_MOST = " AND vp.amount <= $%d";
  public static final String AFTER_CREATED = "(p.created_at, p.id) < ($%d, $%d)";
  public static final String AFTER_NAME = "(p.sort_name, p.id) > ($%d, $%d)";
  public static final String AFTER_PRICE_ASC = "(m.amount, m.product_id) > ($%d, $%d)";
  public static final String AFTER_PRICE_DESC = "(m.amount, m.product_id) < ($%d, $%d)";
  public static final String ORDER_CREATED = " ORDER BY p.created_at DESC, p.id DESC";
  public static final String ORDER_NAME = " ORDER BY p.sort_name, p.id";
  public static final String ORDER_PRICE_ASC = " ORDER BY m.amount, m.product_id";
  public static final String ORDER_PRICE_DESC = " ORDER BY m.amount DESC, m.product_id DESC";
  public static final String LIMIT = " LIMIT $%d";

  // ---- demo seeding --------------------------------------------------------------------------

  public static final String CATALOG_EMPTY = """
    SELECT NOT EXISTS (SELECT 1 FROM product) AND NOT EXISTS (SELECT 1 FROM category) AS empty
    """;

  public static final String DELETE_ALL = """
    TRUNCATE product_min_price, variant_price, variant_reserved, variant, product_category, product, category, attribute
    """;

  public static final String INSERT_CATEGORIES = """
    INSERT INTO category (id, parent_id, slug, names, position)
    SELECT t.id, t.parent_id, t.slug, t.names::jsonb, t.position
    FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::int[]) AS t(id, parent_id, slug, names, position)
    """;
}
