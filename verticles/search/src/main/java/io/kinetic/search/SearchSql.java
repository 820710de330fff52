package io.kinetic.search;

/**
 * The search schema's statements that do not depend on the request (the search and suggest
 * statements are assembled per request by {@link SearchStatement} and {@link Suggester}).
 */
final class SearchSql {

  /** The stored version of a product's row, to skip events it already reflects. */
  static final String DOCUMENT_VERSION = "SELECT version FROM document WHERE product_id = $1";

  /** {@link #DOCUMENT_VERSION} of several products at once (those a pass of the catalog's log names). */
  static final String DOCUMENT_VERSIONS = "SELECT product_id, version FROM document WHERE product_id = ANY($1)";

  /**
   * Writes a product's own fields when the row is absent or not newer: an export page or event of
   * an older version changes nothing. Units available keep the sequence of the figure they came with.
   */
  static final String UPSERT = """
    INSERT INTO document (product_id, version, deleted, published, slug, default_locale, names, translations, brand,
                          category_ids, attr_values, attr_text, image, variants, in_stock, created_at, indexed_at)
    VALUES ($1, $2, false, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, clock_timestamp())
    ON CONFLICT (product_id) DO UPDATE SET
      version = EXCLUDED.version, deleted = false, published = EXCLUDED.published, slug = EXCLUDED.slug,
      default_locale = EXCLUDED.default_locale, names = EXCLUDED.names, translations = EXCLUDED.translations,
      brand = EXCLUDED.brand, category_ids = EXCLUDED.category_ids, attr_values = EXCLUDED.attr_values,
      attr_text = EXCLUDED.attr_text, image = EXCLUDED.image,
      variants = (SELECT coalesce(jsonb_object_agg(e.key, jsonb_build_object('a', e.value -> 'a',
                    's', greatest((e.value ->> 's')::bigint, coalesce((document.variants -> e.key ->> 's')::bigint, 0)))), '{}')
                  FROM jsonb_each(EXCLUDED.variants) e),
      in_stock = EXCLUDED.in_stock, created_at = EXCLUDED.created_at, indexed_at = clock_timestamp()
    WHERE document.version <= EXCLUDED.version
    RETURNING product_id""";

  /** A product's price ranges; {@code $2..$4} are parallel arrays (currency, lowest, highest). */
  static final String UPSERT_PRICES = """
    INSERT INTO price (product_id, currency, min_amount, max_amount)
    SELECT $1, t.currency, t.min_amount, t.max_amount FROM unnest($2::text[], $3::bigint[], $4::bigint[]) AS t(currency, min_amount, max_amount)
    ON CONFLICT (product_id, currency) DO UPDATE SET min_amount = EXCLUDED.min_amount, max_amount = EXCLUDED.max_amount""";

  static final String DROP_OTHER_PRICES = "DELETE FROM price WHERE product_id = $1 AND NOT (currency = ANY($2::text[]))";

  /**
   * The weighted per-locale vectors and the folded names of the given products, from their stored
   * fields and the category tree (a category's ancestors' names count too). The one place they
   * are computed: after a write, and for the products under a category that changed.
   */
  private static final String VECTORS = """
    UPDATE document d SET
      vector_en = setweight(to_tsvector('kinetic_en', coalesce(d.translations -> 'en' ->> 'name', d.translations -> d.default_locale ->> 'name', '')), 'A')
        || setweight(to_tsvector('kinetic_en', concat_ws(' ', d.brand, d.attr_text, c.en)), 'B')
        || setweight(to_tsvector('kinetic_en', coalesce(d.translations -> 'en' ->> 'description', d.translations -> d.default_locale ->> 'description', '')), 'C'),
      vector_de = setweight(to_tsvector('kinetic_de', coalesce(d.translations -> 'de' ->> 'name', d.translations -> d.default_locale ->> 'name', '')), 'A')
        || setweight(to_tsvector('kinetic_de', concat_ws(' ', d.brand, d.attr_text, c.de)), 'B')
        || setweight(to_tsvector('kinetic_de', coalesce(d.translations -> 'de' ->> 'description', d.translations -> d.default_locale ->> 'description', '')), 'C'),
      folded = lower(unaccent(concat_ws(' ', (SELECT string_agg(t.value ->> 'name', ' ') FROM jsonb_each(d.translations) t), d.brand)))
    FROM (SELECT p.product_id,
                 (SELECT string_agg(cat.names ->> 'en', ' ') FROM category_closure cc JOIN category cat ON cat.id = cc.ancestor
                   WHERE cc.descendant = ANY(p.category_ids)) AS en,
                 (SELECT string_agg(cat.names ->> 'de', ' ') FROM category_closure cc JOIN category cat ON cat.id = cc.ancestor
                   WHERE cc.descendant = ANY(p.category_ids)) AS de
          FROM document p WHERE %s) c
    WHERE d.product_id = c.product_id""";

  static final String VECTORS_OF_PRODUCTS = VECTORS.formatted("p.product_id = ANY($1::uuid[])");

  static final String VECTORS_UNDER_CATEGORY = VECTORS.formatted(
    "NOT p.deleted AND p.category_ids && ARRAY(SELECT descendant FROM category_closure WHERE ancestor = $1)");

  /** A deleted product: a tombstone with the deletion's version (an older event cannot bring it back). */
  static final String TOMBSTONE = """
    INSERT INTO document (product_id, version, deleted, published, indexed_at) VALUES ($1, $2, true, false, clock_timestamp())
    ON CONFLICT (product_id) DO UPDATE SET version = EXCLUDED.version, deleted = true, published = false,
      vector_en = NULL, vector_de = NULL, folded = '', indexed_at = clock_timestamp()
    WHERE document.version < EXCLUDED.version""";

  static final String DROP_PRICES = "DELETE FROM price WHERE product_id = $1";

  static final String READ_VARIANTS = "SELECT variants FROM document WHERE product_id = $1 AND NOT deleted";

  static final String LOCK_VARIANTS = READ_VARIANTS + " FOR UPDATE";

  static final String READ_MANY_VARIANTS = "SELECT product_id, variants FROM document WHERE product_id = ANY($1) AND NOT deleted";

  static final String SET_VARIANTS = "UPDATE document SET variants = $2, in_stock = $3 WHERE product_id = $1";

  static final String DELETE_CATEGORIES = "DELETE FROM category";

  static final String INSERT_CATEGORY = """
    INSERT INTO category (id, parent_id, slug, names, folded, position) VALUES ($1, $2, $3, $4, lower(unaccent($5)), $6)""";

  /** Copies of the taxonomy take turns (the consumer's and a rebuild's), till their transaction ends. */
  static final String LOCK_TAXONOMY = "SELECT pg_advisory_xact_lock(hashtext('kinetic.search.taxonomy'))";

  static final String DELETE_CLOSURE = "DELETE FROM category_closure";

  static final String REBUILD_CLOSURE = """
    INSERT INTO category_closure (ancestor, descendant)
    WITH RECURSIVE tree(ancestor, descendant, depth) AS (
      SELECT id, id, 0 FROM category
      UNION ALL SELECT tree.ancestor, c.id, tree.depth + 1 FROM tree JOIN category c ON c.parent_id = tree.descendant WHERE tree.depth < 32)
    SELECT DISTINCT ancestor, descendant FROM tree""";

  static final String CATEGORIES = "SELECT id, parent_id, slug, names, position FROM category ORDER BY position, slug";

  static final String DELETE_ATTRIBUTES = "DELETE FROM attribute";

  static final String INSERT_ATTRIBUTE = "INSERT INTO attribute (code, type, names) VALUES ($1, $2, $3)";

  static final String ATTRIBUTES = "SELECT code, type, names FROM attribute ORDER BY code";

  static final String BUILT = "SELECT built_at FROM build_state WHERE id = 1";

  static final String MARK_BUILT = """
    INSERT INTO build_state (id, built_at) VALUES (1, now()) ON CONFLICT (id) DO UPDATE SET built_at = now()""";

  static final String FORGET_BUILD = "DELETE FROM build_state";

  static final String LOCK_BUILD = "SELECT pg_advisory_lock(hashtext('kinetic.search.build'))";

  static final String UNLOCK_BUILD = "SELECT pg_advisory_unlock(hashtext('kinetic.search.build'))";

  static final String NOW = "SELECT clock_timestamp() AS now";

  /** After a rebuild: products the export no longer has (deleted while nothing listened, or reseeded) go. */
  static final String DROP_UNSEEN = """
    WITH gone AS (DELETE FROM document WHERE indexed_at < $1 AND NOT deleted RETURNING product_id)
    DELETE FROM price WHERE product_id IN (SELECT product_id FROM gone)""";

  static final String SEARCHABLE = "SELECT count(*) AS n FROM document WHERE published";

  /** What a rebuild expects to write, until the export's last page says. */
  static final String INDEXED = "SELECT count(*) AS n FROM document WHERE NOT deleted";

  static final String REFRESH_LEXICON = "REFRESH MATERIALIZED VIEW CONCURRENTLY lexicon";

  static final String REFRESH_BRANDS = "REFRESH MATERIALIZED VIEW CONCURRENTLY brand";

  /** The index's change version (V2): moved by every committed write answers depend on. */
  static final String CHANGE_VERSION = "SELECT version FROM change_version WHERE id = 1";

  /** After the lexicon's refresh: other nodes drop answers computed with the old words (logged as the lexicon's, V4). */
  static final String BUMP_CHANGE_VERSION = "SELECT log_change(NULL, NULL, true, false)";

  /**
   * The change version and what moved it since {@code $1} (V4's {@code change_log}), in one snapshot;
   * only the version when it moved more than {@code $2} (or {@code $1} is unknown: the largest bigint).
   * One row per logged change, or one with a null {@code version} when none.
   */
  static final String CHANGES_SINCE = """
    SELECT v.version AS current, l.version, l.product_id, l.currency, l.lexicon, l.card, l.old_min, l.new_min, l.old_max, l.new_max
    FROM change_version v LEFT JOIN change_log l ON l.version > $1 AND l.version <= v.version AND v.version - $1 <= $2
    WHERE v.id = 1 ORDER BY l.version""";

  /** The log of changes is read within a poll; a minute is kept for nodes that fall behind. */
  static final String PURGE_CHANGE_LOG = "DELETE FROM change_log WHERE at < now() - interval '1 minute'";

  /**
   * After a build: fresh statistics (the planner otherwise sees the empty tables of the migration
   * and scans every product for a word) and no dead rows of the two writes per product.
   */
  static final String VACUUM_ANALYZE = "VACUUM (ANALYZE) document, price, category, category_closure";

  /**
   * For each of {@code $1} (folded words): the known words nearest by trigram distance within a
   * Levenshtein distance of 2, with their frequency; {@link Corrections} picks one (a transposition
   * counts as one edit there).
   */
  static final String CORRECTIONS = """
    SELECT t.i, t.word,
      ARRAY(SELECT c.word FROM (SELECT l.word, l.frequency FROM lexicon l ORDER BY l.word <-> t.word LIMIT 24) c
        WHERE levenshtein_less_equal(c.word, t.word, 2) <= 2 ORDER BY c.frequency DESC) AS candidates,
      ARRAY(SELECT c.frequency FROM (SELECT l.word, l.frequency FROM lexicon l ORDER BY l.word <-> t.word LIMIT 24) c
        WHERE levenshtein_less_equal(c.word, t.word, 2) <= 2 ORDER BY c.frequency DESC) AS frequencies
    FROM unnest($1::text[]) WITH ORDINALITY AS t(word, i) ORDER BY t.i""";

  static final String SYNONYMS = "SELECT id, locale, terms FROM synonym ORDER BY locale, terms[1]";

  static final String INSERT_SYNONYM = "INSERT INTO synonym (id, locale, terms) VALUES ($1, $2, $3)";

  static final String UPDATE_SYNONYM = "UPDATE synonym SET locale = $2, terms = $3 WHERE id = $1";

  static final String DELETE_SYNONYM = "DELETE FROM synonym WHERE id = $1";

  static final String LOG_QUERIES = """
    INSERT INTO query_log (id, at, query, locale, results)
    SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::int[]) ON CONFLICT (id) DO NOTHING""";

  /**
   * A click on a result the search had: at a position within its results, and never more clicks
   * than it had results (at most 50), so that made-up clicks cannot inflate the click-through figures.
   */
  static final String RECORD_CLICK =
    "UPDATE query_log SET clicks = clicks + 1 WHERE id = $1 AND $2 <= results AND clicks < least(results, 50)";

  static final String ANALYTICS_TOTALS = """
    SELECT count(*) AS searches, count(*) FILTER (WHERE results = 0) AS zero, coalesce(sum(clicks), 0) AS clicks,
           count(*) FILTER (WHERE clicks > 0) AS clicked
    FROM query_log WHERE at > now() - make_interval(days => $1)""";

  static final String TOP_QUERIES = """
    SELECT query, count(*) AS searches, count(*) FILTER (WHERE clicks > 0) AS clicked
    FROM query_log WHERE at > now() - make_interval(days => $1) GROUP BY query ORDER BY searches DESC, query LIMIT $2""";

  static final String ZERO_RESULT_QUERIES = """
    SELECT query, count(*) AS searches, 0 AS clicked
    FROM query_log WHERE at > now() - make_interval(days => $1) AND results = 0 GROUP BY query
    ORDER BY searches DESC, query LIMIT $2""";

  static final String PURGE_QUERY_LOG = "DELETE FROM query_log WHERE at < now() - interval '400 days'";

  private SearchSql() {
  }
}
