package io.kinetic.bench;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the scenarios draw from, read straight from the catalog's tables so the load hits real,
 * published rows: products (id, slug, SKUs), every category, the values each attribute filter can
 * take, and the range of EUR prices. Ordered by id, so the same database gives the same sample.
 */
record CatalogSample(List<Product> products, List<String> categories, Map<String, List<String>> attributeValues,
    long minPrice, long maxPrice) {

  record Product(String id, String slug, List<String> skus) {
  }

  /** A variant a shopper can put in a cart: its product is published and it has a price in the currency. */
  record Variant(String id, String sku, String productId) {
  }

  private static final int TEXT_VALUES = 40;

  static CatalogSample read(String pgUrl, String schema, int limit) throws Exception {
    Vertx vertx = Vertx.vertx();
    Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(pgUrl)).using(vertx).build();
    try {
      List<Product> products = new ArrayList<>();
      pool.query("SELECT p.id, p.slug, array_agg(v.sku ORDER BY v.position) AS skus FROM " + schema + ".product p"
          + " JOIN " + schema + ".variant v ON v.product_id = p.id WHERE p.status = 'PUBLISHED'"
          + " GROUP BY p.id, p.slug ORDER BY p.id LIMIT " + limit).execute().await(120, TimeUnit.SECONDS)
          .forEach(row -> products.add(new Product(row.getValue("id").toString(), row.getString("slug"),
              List.of(row.getArrayOfStrings("skus")))));
      List<String> categories = new ArrayList<>();
      pool.query("SELECT id FROM " + schema + ".category ORDER BY id").execute().await(60, TimeUnit.SECONDS)
          .forEach(row -> categories.add(row.getValue("id").toString()));
      Map<String, List<String>> attributes = new LinkedHashMap<>();
      for (Row row : pool.query("SELECT code, type, values FROM " + schema + ".attribute ORDER BY code").execute()
          .await(60, TimeUnit.SECONDS)) {
        List<String> values = values(pool, schema, row);
        if (!values.isEmpty()) {
          attributes.put(row.getString("code"), values);
        }
      }
      Row prices = pool.query("SELECT coalesce(min(amount), 0) AS lo, coalesce(max(amount), 0) AS hi FROM " + schema
          + ".product_min_price WHERE currency = 'EUR'").execute().await(60, TimeUnit.SECONDS).iterator().next();
      return new CatalogSample(List.copyOf(products), List.copyOf(categories), attributes,
          prices.getLong("lo"), prices.getLong("hi"));
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /**
   * Every variant of a published product with a price in {@code currency} (the whole catalogue, not
   * the {@code limit} of {@link #read}), ordered by id.
   */
  static List<Variant> sellableVariants(String pgUrl, String schema, String currency) throws Exception {
    Vertx vertx = Vertx.vertx();
    Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(pgUrl)).using(vertx).build();
    try {
      List<Variant> out = new ArrayList<>();
      pool.preparedQuery("SELECT v.id, v.sku, v.product_id FROM " + schema + ".variant v"
          + " JOIN " + schema + ".product p ON p.id = v.product_id AND p.status = 'PUBLISHED'"
          + " JOIN " + schema + ".variant_price vp ON vp.variant_id = v.id AND vp.currency = $1 ORDER BY v.id")
          .execute(io.vertx.sqlclient.Tuple.of(currency)).await(120, TimeUnit.SECONDS)
          .forEach(row -> out.add(new Variant(row.getValue("id").toString(), row.getString("sku"),
              row.getValue("product_id").toString())));
      return List.copyOf(out);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /** Every published product's id (the whole catalogue, not the {@code limit} of {@link #read}), ordered by id. */
  static List<String> publishedIds(String pgUrl, String schema) throws Exception {
    Vertx vertx = Vertx.vertx();
    Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(pgUrl)).using(vertx).build();
    try {
      List<String> out = new ArrayList<>();
      pool.query("SELECT id FROM " + schema + ".product WHERE status = 'PUBLISHED' ORDER BY id").execute()
          .await(120, TimeUnit.SECONDS).forEach(row -> out.add(row.getValue("id").toString()));
      return List.copyOf(out);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /** Filterable values: an ENUM's list, true/false, the most common TEXT values; none for NUMBER. */
  private static List<String> values(Pool pool, String schema, Row attribute) throws Exception {
    String code = attribute.getString("code");
    return switch (attribute.getString("type")) {
      case "ENUM" -> {
        Object values = attribute.getValue("values");
        List<String> out = new ArrayList<>();
        if (values instanceof JsonArray array) {
          array.forEach(v -> out.add(String.valueOf(v)));
        }
        yield out;
      }
      case "BOOLEAN" -> List.of("true", "false");
      case "TEXT" -> {
        List<String> out = new ArrayList<>();
        pool.preparedQuery("SELECT attributes ->> $1 AS v FROM " + schema + ".product WHERE attributes ? $1"
            + " GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT " + TEXT_VALUES)
            .execute(io.vertx.sqlclient.Tuple.of(code)).await(60, TimeUnit.SECONDS)
            .forEach(row -> out.add(row.getString("v")));
        yield out;
      }
      default -> List.of();
    };
  }
}
