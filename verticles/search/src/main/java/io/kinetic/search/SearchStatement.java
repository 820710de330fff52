package io.kinetic.search;

import io.kinetic.kernel.contract.catalog.Media;
import io.kinetic.kernel.contract.catalog.ProductCard;
import io.kinetic.kernel.contract.search.SearchSort;
import io.kinetic.kernel.money.Money;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one SQL statement of a search, assembled for its plan (values always as parameters; only
 * checked numbers and the locale's fixed names are written into the text). A materialized CTE
 * {@code m} holds the published products matching the text and the price bounds; from it, in one
 * round trip: the page of results (as JSON), the total, and each facet's counts with every chosen
 * filter applied except the facet's own (disjunctive faceting). Category counts go through the
 * tree's closure, so a category counts the products of its subcategories.
 */
final class SearchStatement {

  /** The rows of a search: the page, the total, and counts by facet code prefix and value. */
  record Outcome(List<ProductCard> items, long total, Map<String, Map<String, Long>> counts, ResultCache.Dependencies dependencies) {
  }

  /** Upper bounds of the price buckets, in major units of the currency. */
  static final long[] PRICE_BOUNDS = {20, 50, 100, 200};

  private final SearchPlan plan;
  private final List<String> facetAttributes;
  private final Tuple params = Tuple.tuple();
  private final Map<String, String> filters = new LinkedHashMap<>();

  private final long lowStock;

  /** Whether the text also matches by trigram word similarity (typos, prefixes), not by full text alone. */
  private final boolean fuzzy;

  SearchStatement(SearchPlan plan, List<String> facetAttributes, long lowStock) {
    this(plan, facetAttributes, lowStock, true);
  }

  SearchStatement(SearchPlan plan, List<String> facetAttributes, long lowStock, boolean fuzzy) {
    this.fuzzy = fuzzy && !plan.operators();
    this.lowStock = lowStock;
    this.plan = plan;
    this.facetAttributes = facetAttributes;
  }

  Tuple params() {
    return params;
  }

  String sql() {
    String vector = "d." + SearchLocales.vector(plan.locale());
    String config = SearchLocales.config(plan.locale());
    var with = new StringBuilder("WITH ");
    String rank = "0::float8";
    String match = "";
    if (!plan.browse()) {
      var tsq = new ArrayList<String>();
      for (String variant : plan.variants()) {
        tsq.add("websearch_to_tsquery('" + config + "', " + p(variant) + ")");
      }
      with.append("q AS (SELECT (").append(String.join(" || ", tsq)).append(") AS tsq, lower(unaccent(")
        .append(p(plan.text())).append(")) AS folded), ");
      String ts = "CASE WHEN " + vector + " @@ q.tsq THEN 1 + ts_rank(" + vector + ", q.tsq) ELSE 0 END";
      // only a relevance order reads the rank: other orders skip its cost (word_similarity is the
      // dearest function of the statement, ts_rank reads the whole vector)
      if (plan.sort() == SearchSort.RELEVANCE) {
        rank = !fuzzy ? ts : ts + " + 0.5 * word_similarity(q.folded, d.folded)";
      }
      match = !fuzzy ? " AND " + vector + " @@ q.tsq" : " AND (" + vector + " @@ q.tsq OR q.folded <% d.folded)";
    }
    String locale = p(plan.requestedLocale());
    with.append("m AS MATERIALIZED (SELECT d.product_id, d.slug, coalesce(d.names ->> ").append(locale)
      .append(", d.names ->> d.default_locale) AS name, d.image, d.category_ids, d.brand, d.attr_values, d.in_stock, ")
      .append("d.created_at, pr.min_amount, pr.max_amount, ").append(rank).append(" AS rank")
      .append(" FROM document d LEFT JOIN price pr ON pr.product_id = d.product_id AND pr.currency = ").append(p(plan.currency()))
      .append(plan.browse() ? "" : " CROSS JOIN q")
      .append(" WHERE d.published").append(match);
    if (plan.minPrice() != null) {
      with.append(" AND pr.max_amount >= ").append(p(plan.minPrice()));
    }
    if (plan.maxPrice() != null) {
      with.append(" AND pr.min_amount <= ").append(p(plan.maxPrice()));
    }
    with.append(")\n");
    collectFilters();

    String order = order();
    int offset = (plan.page() - 1) * plan.pageSize();
    var sql = new StringBuilder(with);
    sql.append("SELECT 'items' AS facet, NULL AS value, 0::bigint AS n, (SELECT json_agg(json_build_object('id', x.product_id, ")
      .append("'slug', x.slug, 'name', x.name, 'image', x.image, 'min', x.min_amount, 'max', x.max_amount, 'inStock', x.in_stock, ")
      .append("'units', (SELECT sum((v.value ->> 'a')::bigint) FROM document dv CROSS JOIN LATERAL jsonb_each(dv.variants) v ")
      .append("WHERE dv.product_id = x.product_id)) ")
      .append("ORDER BY x.ord) FROM (SELECT m.*, row_number() OVER (ORDER BY ").append(order).append(") AS ord FROM m WHERE ")
      .append(allBut(null)).append(" ORDER BY ").append(order).append(" LIMIT ").append(plan.pageSize()).append(" OFFSET ")
      .append(offset).append(") x)::text AS items\n");
    sql.append("UNION ALL SELECT 'total', NULL, count(*), NULL FROM m WHERE ").append(allBut(null)).append('\n');
    sql.append("UNION ALL SELECT 'brand', m.brand, count(*), NULL FROM m WHERE m.brand IS NOT NULL AND ")
      .append(allBut("brand")).append(" GROUP BY m.brand\n");
    sql.append("UNION ALL SELECT 'category', cc.ancestor::text, count(DISTINCT m.product_id), NULL FROM m ")
      .append("CROSS JOIN LATERAL unnest(m.category_ids) AS mc(id) JOIN category_closure cc ON cc.descendant = mc.id WHERE ")
      .append(allBut("category"))
      .append(" GROUP BY cc.ancestor\n");
    if (!facetAttributes.isEmpty()) {
      sql.append("UNION ALL SELECT 'attr', av, count(*), NULL FROM m CROSS JOIN LATERAL unnest(m.attr_values) AS av WHERE split_part(av, '=', 1) = ANY(")
        .append(p(facetAttributes.toArray(String[]::new))).append("::text[]) AND ").append(attributeScope()).append(" GROUP BY av\n");
    }
    sql.append("UNION ALL SELECT 'price', ").append(bucket()).append(", count(*), NULL FROM m WHERE m.min_amount IS NOT NULL AND ")
      .append(allBut("price")).append(" GROUP BY 2\n");
    sql.append("UNION ALL SELECT 'availability', 'in-stock', count(*), NULL FROM m WHERE m.in_stock AND ")
      .append(allBut("availability"));
    if (textOnly()) {
      // what the answer depends on: every product the text matches (m before the filters), by key
      sql.append("\nUNION ALL SELECT 'products', NULL, count(*), CASE WHEN count(*) <= ")
        .append(ResultCache.Dependencies.MAX_PRODUCTS).append(" THEN coalesce(string_agg(right(m.product_id::text, 8), ''), '') END FROM m");
      String others = allBut("price");
      if (!others.equals("TRUE")) {
        // the products its price buckets count (with filters; without, every one with a price)
        sql.append("\nUNION ALL SELECT 'counted', NULL, count(*), string_agg(right(m.product_id::text, 8), '') FROM m")
          .append(" WHERE m.min_amount IS NOT NULL AND ").append(others);
      }
      // the change version these rows are at (the same snapshot): later changes are not in them
      sql.append("\nUNION ALL SELECT 'version', NULL, (SELECT version FROM change_version WHERE id = 1), NULL");
    }
    return sql.toString();
  }

  /**
   * Whether {@code m} is the text's match set alone (published products matching the text), so a
   * change of another product's price, units or availability cannot change the answer: not a
   * browse (every product) nor with price bounds (a price change moves a product in or out of m).
   */
  private boolean textOnly() {
    return !plan.browse() && plan.minPrice() == null && plan.maxPrice() == null;
  }

  Outcome read(RowSet<Row> rows) {
    var items = new ArrayList<ProductCard>();
    long total = 0;
    var counts = new LinkedHashMap<String, Map<String, Long>>();
    String products = null;
    String counted = null;
    long version = -1;
    for (Row row : rows) {
      String facet = row.getString("facet");
      switch (facet) {
        case "items" -> {
          String json = row.getString("items");
          if (json != null) {
            for (Object o : new JsonArray(json)) {
              items.add(card((JsonObject) o));
            }
          }
        }
        case "total" -> total = row.getLong("n");
        case "products" -> products = row.getString("items");
        case "counted" -> counted = row.getString("items") == null ? "" : row.getString("items");
        case "version" -> version = row.getLong("n");
        default -> counts.computeIfAbsent(facet, k -> new LinkedHashMap<>()).put(row.getString("value"), row.getLong("n"));
      }
    }
    return new Outcome(items, total, counts, dependencies(items, products, counted, version));
  }

  /** What the answer depends on ({@link ResultCache.Dependencies}): everything unless {@link #textOnly()}. */
  private ResultCache.Dependencies dependencies(List<ProductCard> items, String products, String counted, long version) {
    if (!textOnly() || products == null || products.length() / 8 > ResultCache.Dependencies.MAX_PRODUCTS) {
      return ResultCache.Dependencies.EVERYTHING;
    }
    int order = plan.sort() == SearchSort.PRICE_ASC ? 1 : plan.sort() == SearchSort.PRICE_DESC ? -1 : 0;
    Long first = null;
    Long last = null;
    if (order != 0 && !items.isEmpty()) {
      first = orderValue(items.get(0), order);
      last = orderValue(items.get(items.size() - 1), order);
    }
    return new ResultCache.Dependencies(ResultCache.Dependencies.keys(products),
      counted == null ? null : ResultCache.Dependencies.keys(counted),
      ResultCache.Dependencies.keys(items.stream().map(ProductCard::id).toList()), plan.currency(), version, order, first, last,
      !plan.priceRanges().isEmpty(), true, unit());
  }

  private static Long orderValue(ProductCard card, int order) {
    Money price = order > 0 ? card.priceMin() : card.priceMax();
    return price == null ? null : price.amount();
  }

  private ProductCard card(JsonObject o) {
    JsonObject image = o.getJsonObject("image");
    Long min = o.getLong("min");
    Long max = o.getLong("max");
    Long units = o.getLong("units");
    boolean inStock = Boolean.TRUE.equals(o.getBoolean("inStock"));
    return new ProductCard(UUID.fromString(o.getString("id")), o.getString("slug"), o.getString("name"),
      image == null ? null : new Media(image.getString("url"), image.getString("alt")),
      min == null ? null : Money.of(min, plan.currency()), max == null ? null : Money.of(max, plan.currency()),
      inStock, inStock ? (units != null && units > 0 ? ProductCard.level(units, lowStock) : ProductCard.IN_STOCK) : ProductCard.SOLD_OUT, null);
  }

  private void collectFilters() {
    if (!plan.categories().isEmpty()) {
      filters.put("category", "m.category_ids && " + p(plan.categories().toArray(UUID[]::new)) + "::uuid[]");
    }
    if (!plan.brands().isEmpty()) {
      filters.put("brand", "m.brand = ANY(" + p(plan.brands().toArray(String[]::new)) + "::text[])");
    }
    for (Map.Entry<String, List<String>> a : plan.attributes().entrySet()) {
      String[] values = a.getValue().stream().map(v -> a.getKey() + "=" + v).toArray(String[]::new);
      filters.put(SearchFacets.ATTRIBUTE_PREFIX + a.getKey(), "m.attr_values && " + p(values) + "::text[]");
    }
    if (!plan.priceRanges().isEmpty()) {
      var ranges = new ArrayList<String>();
      for (long[] r : plan.priceRanges()) {
        ranges.add("(m.min_amount >= " + r[0] + (r[1] < 0 ? ")" : " AND m.min_amount < " + r[1] + ")"));
      }
      filters.put("price", "(" + String.join(" OR ", ranges) + ")");
    }
    if (plan.inStock()) {
      filters.put("availability", "m.in_stock");
    }
  }

  /** Every chosen filter but the facet's own, or TRUE. */
  private String allBut(String facet) {
    var parts = new ArrayList<String>();
    filters.forEach((code, condition) -> {
      if (!code.equals(facet)) {
        parts.add(condition);
      }
    });
    return parts.isEmpty() ? "TRUE" : "(" + String.join(" AND ", parts) + ")";
  }

  /** Each attribute value is counted with every filter but its own attribute's. */
  private String attributeScope() {
    if (plan.attributes().isEmpty()) {
      return allBut(null);
    }
    var sql = new StringBuilder("CASE split_part(av, '=', 1)");
    for (String code : plan.attributes().keySet()) {
      sql.append(" WHEN ").append(p(code)).append(" THEN ").append(allBut(SearchFacets.ATTRIBUTE_PREFIX + code));
    }
    return sql.append(" ELSE ").append(allBut(null)).append(" END").toString();
  }

  /** The price bucket of a lowest amount ({@link #bucket()}'s in SQL): the index of its bound in {@link #PRICE_BOUNDS}. */
  static int bucket(long minAmount, long unit) {
    for (int i = 0; i < PRICE_BOUNDS.length; i++) {
      if (minAmount < PRICE_BOUNDS[i] * unit) {
        return i;
      }
    }
    return PRICE_BOUNDS.length;
  }

  /** The label of a price bucket ({@link #bucket()}'s values): "from-to" in minor units, the last "from-". */
  static String bucketLabel(int bucket, long unit) {
    long from = bucket == 0 ? 0 : PRICE_BOUNDS[bucket - 1] * unit;
    return bucket < PRICE_BOUNDS.length ? from + "-" + PRICE_BOUNDS[bucket] * unit : from + "-";
  }

  private String bucket() {
    long unit = unit();
    var sql = new StringBuilder("CASE");
    long from = 0;
    for (long bound : PRICE_BOUNDS) {
      long to = bound * unit;
      sql.append(" WHEN m.min_amount < ").append(to).append(" THEN '").append(from).append('-').append(to).append('\'');
      from = to;
    }
    return sql.append(" ELSE '").append(from).append("-' END").toString();
  }

  /** Minor units per major unit of the plan's currency. */
  long unit() {
    int digits = java.util.Currency.getInstance(plan.currency()).getDefaultFractionDigits();
    return (long) Math.pow(10, Math.max(0, digits));
  }

  private String order() {
    return switch (plan.sort()) {
      case PRICE_ASC -> "m.min_amount ASC NULLS LAST, m.product_id";
      case PRICE_DESC -> "m.max_amount DESC NULLS LAST, m.product_id";
      case NEWEST -> "m.created_at DESC NULLS LAST, m.product_id";
      case RELEVANCE -> plan.browse() ? "m.created_at DESC NULLS LAST, m.product_id" : "m.rank DESC, m.created_at DESC NULLS LAST, m.product_id";
    };
  }

  private String p(Object value) {
    params.addValue(value);
    return "$" + params.size();
  }
}
