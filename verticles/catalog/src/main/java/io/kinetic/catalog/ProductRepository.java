package io.kinetic.catalog;

import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.contract.catalog.ProductInput;
import io.kinetic.kernel.contract.catalog.VariantInput;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.error.FieldError;
import io.kinetic.kernel.id.Ids;
import io.kinetic.kernel.money.Money;
import io.kinetic.kernel.pg.SqlStates;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Product, variant and price rows. This is where database failures become catalog errors:
 * 23505 on the slug index is SLUG_TAKEN, on a SKU index (exact, or of {@code lower(sku)}) SKU_TAKEN; a variant deleted under a
 * price write is VARIANT_NOT_FOUND; a category deleted under a product write CATEGORY_NOT_FOUND.
 */
final class ProductRepository {

  private ProductRepository() {
  }

  static Future<List<Product>> load(SqlClient client, Collection<UUID> ids) {
    return read(client, ids).map(read -> read.stream().map(ProductRows.Read::product).toList());
  }

  /** {@link #load} with each variant's stock figures, for the cache. */
  static Future<List<ProductRows.Read>> read(SqlClient client, Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return client.preparedQuery(CatalogSql.SELECT_PRODUCTS).execute(Tuple.of((Object) ids.toArray(new UUID[0])))
      .map(rows -> {
        var out = new ArrayList<ProductRows.Read>(rows.size());
        rows.forEach(row -> out.add(ProductRows.read(row)));
        return out;
      });
  }

  /** The id of the product with {@code slug}, or null. */
  static Future<UUID> idBySlug(SqlClient client, String slug) {
    return client.preparedQuery(CatalogSql.PRODUCT_ID_BY_SLUG).execute(Tuple.of(slug))
      .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID("id"));
  }

  /** Locks the product row until the transaction ends, then reads its variants; null when there is no such product. */
  static Future<Locked> lock(SqlClient tx, UUID id) {
    return tx.preparedQuery(CatalogSql.LOCK_PRODUCT).execute(Tuple.of(id)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(null);
      }
      Row row = rows.iterator().next();
      return tx.preparedQuery(CatalogSql.VARIANTS_OF_PRODUCT).execute(Tuple.of(id)).map(variantRows -> {
        var variants = new LinkedHashMap<String, UUID>();
        var prices = new HashMap<String, Set<Money>>();
        variantRows.forEach(v -> {
          variants.put(v.getString("sku"), v.getUUID("id"));
          Set<Money> held = prices.computeIfAbsent(ProductValidator.skuKey(v.getString("sku")), k -> new HashSet<>());
          for (String price : v.getArrayOfStrings("prices")) {
            int colon = price.indexOf(':');
            held.add(Money.of(Long.parseLong(price.substring(colon + 1)), price.substring(0, colon)));
          }
        });
        return new Locked(row.getString("slug"), row.getLong("version"), variants, prices);
      });
    });
  }

  static Future<Void> insert(SqlClient tx, ProductDraft draft) {
    var claimed = new LinkedHashMap<String, String>();
    List<VariantInput> variants = draft.input().variants();
    for (int i = 0; i < variants.size(); i++) {
      claimed.put(variants.get(i).sku(), "variants[" + i + "].sku");
    }
    // a taken slug is said first, as the insert itself would (the unique index still decides a race)
    return tx.preparedQuery(SLUG_HELD).execute(Tuple.of(draft.input().slug()))
      .compose(held -> held.size() > 0 ? Future.<Void>failedFuture(ErrorCode.SLUG_TAKEN.failure("another product has this slug"))
        : claimSkus(tx, claimed))
      .compose(v -> new ProductBatch().add(draft).insert(tx)).recover(ProductRepository::translate);
  }

  private static final String SLUG_HELD = "SELECT 1 FROM product WHERE slug = $1";

  /**
   * Replaces a locked product: variants whose SKU is kept keep their id (and stock unless given); a
   * SKU given in another case than stored ({@code abc-1} for {@code ABC-1}) is the same variant,
   * renamed. SKUs new to the product are claimed ({@link #claimSkus}) once the dropped variants are gone.
   */
  static Future<Void> replace(SqlClient tx, UUID id, ProductInput in, Locked current) {
    var batch = new ProductBatch();
    batch.addCategories(id, in.categoryIds());
    var kept = new ArrayList<Object[]>();
    var keptIds = new HashSet<UUID>();
    var claimed = new LinkedHashMap<String, String>();
    for (int i = 0; i < in.variants().size(); i++) {
      VariantInput v = in.variants().get(i);
      UUID existing = current.variants().get(v.sku());
      if (existing == null) {
        existing = current.variants().entrySet().stream()
          .filter(e -> ProductValidator.skuKey(e.getKey()).equals(ProductValidator.skuKey(v.sku())) && !keptIds.contains(e.getValue()))
          .map(Map.Entry::getValue).findFirst().orElse(null);
      }
      if (existing == null) {
        batch.addVariant(id, Ids.newId(), v, i);
        claimed.put(v.sku(), "variants[" + i + "].sku");
      } else {
        keptIds.add(existing);
        kept.add(new Object[] {existing, Jsonb.write(ProductBatch.options(v)), i,
          v.stockOnHand() == null ? -1 : v.stockOnHand(), v.sku()});
        batch.addPrices(id, existing, v.prices());
      }
    }
    Tuple product = Tuple.of(id, in.slug(), in.status().name(), in.defaultLocale(), Jsonb.write(in.translations()),
      ProductBatch.sortName(in), Jsonb.write(ProductBatch.attributes(in)), Jsonb.write(ProductBatch.media(in)),
      Jsonb.write(in.seo()), ProductBatch.taxClass(in));
    return tx.preparedQuery(CatalogSql.UPDATE_PRODUCT).execute(product)
      .compose(v -> tx.preparedQuery(CatalogSql.DELETE_PRODUCT_CATEGORIES).execute(Tuple.of(id)))
      .compose(v -> tx.preparedQuery(CatalogSql.DELETE_VARIANTS_EXCEPT).execute(Tuple.of(id, (Object) keptIds.toArray(new UUID[0]))))
      .compose(v -> tx.preparedQuery(CatalogSql.DELETE_PRODUCT_PRICES).execute(Tuple.of(id)))
      .compose(v -> kept.isEmpty() ? Future.succeededFuture() : tx.preparedQuery(CatalogSql.UPDATE_VARIANTS).execute(Tuple.of(
        kept.stream().map(r -> (UUID) r[0]).toArray(UUID[]::new),
        kept.stream().map(r -> (String) r[1]).toArray(String[]::new),
        kept.stream().map(r -> (Integer) r[2]).toArray(Integer[]::new),
        kept.stream().map(r -> (Integer) r[3]).toArray(Integer[]::new),
        kept.stream().map(r -> (String) r[4]).toArray(String[]::new))))
      .compose(v -> claimSkus(tx, claimed))
      .compose(v -> batch.insert(tx))
      .recover(ProductRepository::translate);
  }

  /**
   * Claims SKUs for new variants ({@code field} of each: where the input holds it): fails SKU_TAKEN,
   * naming those fields, when a variant holds one of them in any case. The SKUs are locked first
   * (transaction advisory locks on their lower case, {@link CatalogSql#LOCK_SKUS}), so two writes of
   * {@code ABC-1} and {@code abc-1} cannot both pass even where the database holds no unique index on
   * {@code lower(sku)} (a shop with older SKUs that differ only in case, see V12). The lock and the
   * look-up are sent together: the look-up runs once the lock is held, and sees what committed before.
   */
  static Future<Void> claimSkus(SqlClient tx, Map<String, String> fields) {
    if (fields.isEmpty()) {
      return Future.succeededFuture();
    }
    var byKey = new LinkedHashMap<String, String>();
    fields.forEach((sku, field) -> byKey.putIfAbsent(ProductValidator.skuKey(sku), field));
    Tuple keys = Tuple.of((Object) byKey.keySet().toArray(new String[0]));
    var locked = tx.preparedQuery(CatalogSql.LOCK_SKUS).execute(keys);
    var held = tx.preparedQuery(CatalogSql.SKUS_HELD).execute(keys);
    return Future.all(locked, held).compose(all -> {
      if (held.result().size() == 0) {
        return Future.succeededFuture();
      }
      var errors = new ArrayList<FieldError>();
      var taken = new ArrayList<String>();
      held.result().forEach(row -> {
        String sku = row.getString("sku");
        taken.add(sku);
        String field = byKey.get(ProductValidator.skuKey(sku));
        if (field != null && errors.stream().noneMatch(e -> e.field().equals(field))) {
          errors.add(new FieldError(field, "another variant has the SKU " + sku + " (SKUs are the same whatever their case)"));
        }
      });
      return Future.failedFuture(Failure.of(ErrorCode.SKU_TAKEN, "another variant has the SKU " + String.join(", ", taken)
        + " (SKUs are the same whatever their case)", errors));
    });
  }

  /** Deletes the product with everything it owns; the slug it had and its version plus one, or null when there was none. */
  static Future<Locked> delete(SqlClient tx, UUID id) {
    return tx.preparedQuery(CatalogSql.DELETE_PRODUCT).execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row row = rows.iterator().next();
      return new Locked(row.getString("slug"), row.getLong("version"), Map.of(), Map.of());
    });
  }

  /** The variant with {@code sku} whatever its case, and its product, or null; the reference holds the SKU as stored. */
  static Future<VariantRef> variant(SqlClient tx, String sku) {
    return tx.preparedQuery(CatalogSql.VARIANT_BY_SKU).execute(Tuple.of(sku)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row row = rows.iterator().next();
      return new VariantRef(row.getUUID("id"), row.getUUID("product_id"), row.getString("sku"));
    });
  }

  /** Bumps the product's version (locking it); null when the product is gone. */
  static Future<Locked> touch(SqlClient tx, UUID productId) {
    return tx.preparedQuery(CatalogSql.TOUCH_PRODUCT).execute(Tuple.of(productId)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row row = rows.iterator().next();
      return new Locked(row.getString("slug"), row.getLong("version"), Map.of(), Map.of());
    });
  }

  static Future<Void> addVariant(SqlClient tx, UUID productId, VariantInput v) {
    return claimSkus(tx, Map.of(v.sku(), "sku"))
      .compose(x -> tx.preparedQuery(CatalogSql.NEXT_VARIANT_POSITION).execute(Tuple.of(productId)))
      .compose(rows -> new ProductBatch()
        .variant(productId, Ids.newId(), v, rows.iterator().next().getInteger("position"))
        .insert(tx))
      .recover(ProductRepository::translate);
  }

  static Future<Void> setPrice(SqlClient tx, VariantRef variant, Money price) {
    return tx.preparedQuery(CatalogSql.UPSERT_PRICE)
      .execute(Tuple.of(variant.id(), variant.productId(), price.currency(), price.amount()))
      .compose(v -> ProductBatch.refreshMinPrices(tx, variant.productId()))
      .recover(ProductRepository::translate);
  }

  /** False when the variant is gone. */
  /** The variant's new stock sequence; null when it does not exist. */
  static Future<Long> setStock(SqlClient tx, VariantRef variant, int onHand) {
    return tx.preparedQuery(CatalogSql.SET_STOCK).execute(Tuple.of(variant.id(), onHand))
      .map(rows -> rows.size() == 1 ? rows.iterator().next().getLong("stock_seq") : null);
  }

  static Future<Void> deleteVariant(SqlClient tx, VariantRef variant) {
    return tx.preparedQuery(CatalogSql.DELETE_VARIANT).execute(Tuple.of(variant.id()))
      .compose(v -> ProductBatch.refreshMinPrices(tx, variant.productId()));
  }

  static <T> Future<T> translate(Throwable t) {
    if (SqlStates.is(t, SqlStates.UNIQUE_VIOLATION)) {
      switch (SqlStates.constraint(t)) {
        case "product_slug_key" -> {
          return Future.failedFuture(ErrorCode.SLUG_TAKEN.failure("another product has this slug"));
        }
        case "variant_sku_key", "variant_sku_lower_key" -> {
          return Future.failedFuture(ErrorCode.SKU_TAKEN.failure("another variant has this SKU"));
        }
        default -> {
          return Future.failedFuture(t);
        }
      }
    }
    if (SqlStates.is(t, SqlStates.FOREIGN_KEY_VIOLATION)) {
      return Future.failedFuture(SqlStates.constraint(t).startsWith("product_category")
        ? ErrorCode.CATEGORY_NOT_FOUND.failure("a category of the product does not exist")
        : ErrorCode.VARIANT_NOT_FOUND.failure("the variant no longer exists"));
    }
    return Future.failedFuture(t);
  }

  /**
   * A locked product: its slug and version before the write, its variant ids by SKU, and the prices
   * each variant holds by the lower case of its SKU ({@link ProductValidator#skuKey}).
   */
  record Locked(String slug, long version, Map<String, UUID> variants, Map<String, Set<Money>> prices) {
  }

  record VariantRef(UUID id, UUID productId, String sku) {
  }
}
