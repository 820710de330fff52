package io.kinetic.search;

import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.contract.catalog.ProductAvailability;
import io.kinetic.kernel.contract.catalog.ProductStatus;
import io.kinetic.kernel.contract.catalog.Translation;
import io.kinetic.kernel.contract.catalog.Variant;
import io.kinetic.kernel.contract.catalog.VariantAvailability;
import io.kinetic.kernel.money.Money;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Writes products into the search projection (rows of {@code document} and {@code price}), in the
 * caller's transaction. Every write is conditional on the product's version, so replays, duplicates
 * and exports racing with events leave the newest state.
 */
final class DocumentWriter {

  static final String BRAND = "brand";

  private DocumentWriter() {
  }

  /**
   * Writes the products that are not older than their rows; completes with how many were written.
   * A page is a few pipelined batches: the rows, the price ranges of the rows written, their vectors.
   */
  static Future<Integer> upsert(SqlClient tx, List<Product> products) {
    if (products.isEmpty()) {
      return Future.succeededFuture(0);
    }
    List<Tuple> rows = products.stream().map(DocumentWriter::row).toList();
    return tx.preparedQuery(SearchSql.UPSERT).executeBatch(rows).compose(results -> {
      var written = new ArrayList<Product>();
      RowSet<Row> result = results;
      for (Product product : products) {
        if (result.rowCount() > 0) {
          written.add(product);
        }
        result = result.next();
      }
      if (written.isEmpty()) {
        return Future.succeededFuture(0);
      }
      var drops = new ArrayList<Tuple>();
      var prices = new ArrayList<Tuple>();
      for (Product product : written) {
        Tuple[] pair = prices(product);
        drops.add(pair[0]);
        if (pair[1] != null) {
          prices.add(pair[1]);
        }
      }
      UUID[] ids = written.stream().map(Product::id).toArray(UUID[]::new);
      return tx.preparedQuery(SearchSql.DROP_OTHER_PRICES).executeBatch(drops)
        .compose(v -> prices.isEmpty() ? Future.succeededFuture() : tx.preparedQuery(SearchSql.UPSERT_PRICES).executeBatch(prices))
        .compose(v -> tx.preparedQuery(SearchSql.VECTORS_OF_PRODUCTS).execute(Tuple.tuple().addValue(ids)))
        .map(v -> written.size());
    });
  }

  /** A deleted product: no longer found, and older events about it change nothing. */
  static Future<Void> tombstone(SqlClient tx, UUID productId, long version) {
    return tx.preparedQuery(SearchSql.TOMBSTONE).execute(Tuple.of(productId, version))
      .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture()
        : tx.preparedQuery(SearchSql.DROP_PRICES).execute(Tuple.of(productId)).mapEmpty());
  }

  /**
   * A product's variants' availability after the carts' reservations changed it. A search needs
   * only what a card shows: sold out, low (at most {@code lowStock} units over the variants) or in
   * stock. A change that leaves a variant on the same side of {@code lowStock} (e.g. 1,000 units to
   * 999) is not written: the row, its change-log entry and the cached answers it would retire stay
   * (a busy shop's every add to cart and order used to rewrite its product's row). A variant at or
   * below the threshold is kept exactly, one above it as some figure above it, so the sum over the
   * variants says the same level. The catalog emits each variant's totals in sequence order (it
   * drops an older total itself); the sequence check here stays as a guard.
   */
  static Future<Void> availability(SqlClient tx, List<ProductAvailability> products, long lowStock) {
    if (products.isEmpty()) {
      return Future.succeededFuture();
    }
    // nearly every figure leaves its card's level as it is: look first, at all the products in one
    // statement and without locking their rows (a row lock writes the row's header)
    Map<UUID, List<VariantAvailability>> changes = new LinkedHashMap<>();
    products.forEach(p -> changes.merge(p.productId(), p.variants(), (a, b) -> {
      var both = new ArrayList<>(a);
      both.addAll(b);
      return both;
    }));
    return tx.preparedQuery(SearchSql.READ_MANY_VARIANTS).execute(Tuple.of(changes.keySet().toArray(UUID[]::new)))
      .compose(seen -> {
        var moving = new ArrayList<UUID>();
        for (Row row : seen) {
          UUID id = row.getUUID("product_id");
          if (levelsChange(row.getJsonObject("variants"), changes.get(id), lowStock)) {
            moving.add(id);
          }
        }
        // locked in one order, whatever order the rows came in
        moving.sort(null);
        Future<Void> done = Future.succeededFuture();
        for (UUID id : moving) {
          done = done.compose(v -> lockedAvailability(tx, id, changes.get(id), lowStock));
        }
        return done;
      });
  }

  /** The decision again on the locked row of a product whose level moves: only what is read under the lock is written. */
  private static Future<Void> lockedAvailability(SqlClient tx, UUID productId, List<VariantAvailability> changes, long lowStock) {
    return tx.preparedQuery(SearchSql.LOCK_VARIANTS).execute(Tuple.of(productId)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture();
      }
      JsonObject variants = rows.iterator().next().getJsonObject("variants");
      if (!levelsChange(variants, changes, lowStock)) {
        return Future.succeededFuture();
      }
      boolean inStock = variants.stream().anyMatch(e -> ((JsonObject) e.getValue()).getInteger("a", 0) > 0);
      return tx.preparedQuery(SearchSql.SET_VARIANTS).execute(Tuple.of(productId, variants, inStock)).mapEmpty();
    });
  }

  /** Puts into {@code variants} the changes that move a variant's level; true when there was one. */
  private static boolean levelsChange(JsonObject variants, List<VariantAvailability> changes, long lowStock) {
    boolean changed = false;
    for (VariantAvailability change : changes) {
      String key = change.variantId().toString();
      JsonObject known = variants.getJsonObject(key);
      if (known != null && known.getLong("s", 0L) < change.sequence()
        && side(known.getLong("a", 0L), lowStock) != side(change.available(), lowStock)) {
        variants.put(key, new JsonObject().put("a", change.available()).put("s", change.sequence()));
        changed = true;
      }
    }
    return changed;
  }

  /** A variant's units as a card's level counts them: each figure up to {@code lowStock}, or above it. */
  private static long side(long units, long lowStock) {
    return Math.max(0, Math.min(units, lowStock + 1));
  }

  private static Tuple row(Product p) {
    var names = new JsonObject();
    var translations = new JsonObject();
    for (Map.Entry<String, Translation> t : new TreeMap<>(p.translations()).entrySet()) {
      names.put(t.getKey(), t.getValue().name());
      translations.put(t.getKey(), new JsonObject().put("name", t.getValue().name()).put("description", t.getValue().description()));
    }
    var attrValues = new ArrayList<String>();
    var attrText = new StringBuilder();
    String brand = null;
    Map<String, Object> attributes = p.attributes() == null ? Map.of() : p.attributes();
    for (Map.Entry<String, Object> a : new TreeMap<>(attributes).entrySet()) {
      String value = scalar(a.getValue());
      if (value == null) {
        continue;
      }
      if (BRAND.equals(a.getKey())) {
        brand = value;
        continue;
      }
      attrValues.add(a.getKey() + "=" + value);
      if (!(a.getValue() instanceof Boolean)) {
        attrText.append(value).append(' ');
      }
    }
    var variants = new JsonObject();
    boolean inStock = false;
    for (Variant v : p.variants()) {
      variants.put(v.id().toString(), new JsonObject().put("a", v.available()).put("s", 0));
      inStock |= v.available() > 0;
    }
    JsonObject image = p.media() == null || p.media().isEmpty() ? null
      : new JsonObject().put("url", p.media().get(0).url()).put("alt", p.media().get(0).alt());
    return Tuple.tuple().addValue(p.id()).addValue(p.version()).addValue(p.status() == ProductStatus.PUBLISHED)
      .addValue(p.slug()).addValue(p.defaultLocale()).addValue(names).addValue(translations).addValue(brand)
      .addValue(p.categoryIds() == null ? new UUID[0] : p.categoryIds().toArray(UUID[]::new))
      .addValue(attrValues.toArray(String[]::new)).addValue(attrText.toString().trim()).addValue(image)
      .addValue(variants).addValue(inStock)
      .addValue(p.createdAt() == null ? null : java.time.OffsetDateTime.ofInstant(p.createdAt(), java.time.ZoneOffset.UTC));
  }

  /** The statements' parameters for a product's price ranges: dropping other currencies, and the ranges (null without any). */
  private static Tuple[] prices(Product p) {
    var ranges = new TreeMap<String, long[]>();
    for (Variant v : p.variants()) {
      for (Money m : v.prices()) {
        ranges.merge(m.currency(), new long[] {m.amount(), m.amount()},
          (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
      }
    }
    String[] currencies = ranges.keySet().toArray(String[]::new);
    Long[] mins = ranges.values().stream().map(r -> r[0]).toArray(Long[]::new);
    Long[] maxes = ranges.values().stream().map(r -> r[1]).toArray(Long[]::new);
    Tuple drop = Tuple.tuple().addValue(p.id()).addValue(currencies);
    Tuple upsert = currencies.length == 0 ? null
      : Tuple.tuple().addValue(p.id()).addValue(currencies).addValue(mins).addValue(maxes);
    return new Tuple[] {drop, upsert};
  }

  /** Text of a scalar attribute value; a number with its unit ({@code {"value": 180, "unit": "g"}}) gives its number. */
  private static String scalar(Object value) {
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    if (value instanceof Map<?, ?> map && map.get("value") != null) {
      return String.valueOf(map.get("value"));
    }
    return null;
  }
}
