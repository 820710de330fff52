package io.kinetic.catalog;

import io.kinetic.kernel.contract.catalog.GetVariants;
import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.contract.catalog.Variant;
import io.kinetic.kernel.contract.catalog.VariantList;
import io.kinetic.kernel.contract.catalog.VariantSummary;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.money.Money;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The cart's and checkout's batch read of variants. Each variant is found through the product that
 * owns it, from the product cache: the cache's variant and SKU indexes name the products, which are
 * then read like any product (cached, or loaded together in one query). Only variants the indexes
 * do not know (or know wrongly) cost one query for their product ids first.
 */
final class VariantQueries {

  static final int MAX_ITEMS = 100;

  private final Pool pool;
  private final CatalogState state;
  private final ProductReader reader;
  private final String defaultCurrency;

  VariantQueries(Pool pool, CatalogState state, ProductReader reader, String defaultCurrency) {
    this.pool = pool;
    this.state = state;
    this.reader = reader;
    this.defaultCurrency = defaultCurrency;
  }

  /** Fails VALIDATION_FAILED for more than {@link #MAX_ITEMS} ids and SKUs, a null among them, or a bad currency. */
  Future<VariantList> get(GetVariants q) {
    List<UUID> ids = q.ids() == null ? List.of() : q.ids();
    List<String> skus = q.skus() == null ? List.of() : q.skus();
    String currency = q.currency() == null ? defaultCurrency : q.currency();
    var errors = new FieldErrors();
    if (ids.size() + skus.size() > MAX_ITEMS) {
      errors.add("ids", "at most " + MAX_ITEMS + " ids and SKUs together");
    }
    if (ids.stream().anyMatch(Objects::isNull)) {
      errors.add("ids", "must not contain null");
    }
    if (skus.stream().anyMatch(Objects::isNull)) {
      errors.add("skus", "must not contain null");
    }
    if (!Money.isCurrency(currency)) {
      errors.add("currency", "must be an ISO 4217 currency code");
    }
    if (!errors.isEmpty()) {
      return Future.failedFuture(Failure.invalid(errors.list()));
    }
    var found = new Found();
    var hinted = new LinkedHashSet<UUID>();
    ids.forEach(id -> addIfPresent(hinted, state.cache().productOfVariant(id)));
    skus.forEach(sku -> addIfPresent(hinted, state.cache().productOfSku(sku)));
    return reader.heldByIds(List.copyOf(hinted)).compose(products -> {
      found.add(products);
      List<UUID> unknownIds = ids.stream().filter(id -> !found.byId.containsKey(id)).distinct().toList();
      List<String> unknownSkus = skus.stream().filter(sku -> found.sku(sku) == null).map(ProductValidator::skuKey).distinct().toList();
      if (unknownIds.isEmpty() && unknownSkus.isEmpty()) {
        return Future.succeededFuture(found);
      }
      return pool.preparedQuery(CatalogSql.PRODUCTS_OF_VARIANTS)
        .execute(Tuple.tuple().addValue(unknownIds.toArray(new UUID[0])).addValue(unknownSkus.toArray(new String[0])))
        .compose(rows -> {
          var productIds = new ArrayList<UUID>();
          rows.forEach(row -> productIds.add(row.getUUID("product_id")));
          return reader.heldByIds(productIds);
        })
        .map(loaded -> {
          // a product read from the cache does not renew its variants' hints: the next read finds them
          loaded.forEach(held -> held.product().variants().forEach(v -> state.cache().rememberVariant(v.id(), v.sku(), held.product().id())));
          return found.add(loaded);
        });
    }).map(all -> answer(ids, skus, all, currency, q.locale()));
  }

  private static VariantList answer(List<UUID> ids, List<String> skus, Found found, String currency, String locale) {
    var items = new ArrayList<VariantSummary>();
    var listed = new LinkedHashSet<UUID>();
    var missingIds = new ArrayList<UUID>();
    var missingSkus = new ArrayList<String>();
    for (UUID id : ids) {
      Owned owned = found.byId.get(id);
      if (owned == null) {
        missingIds.add(id);
      } else if (listed.add(id)) {
        items.add(summary(owned, currency, locale));
      }
    }
    for (String sku : skus) {
      Owned owned = found.sku(sku);
      if (owned == null) {
        missingSkus.add(sku);
      } else if (listed.add(owned.variant().id())) {
        items.add(summary(owned, currency, locale));
      }
    }
    return new VariantList(items, missingIds, missingSkus);
  }

  private static VariantSummary summary(Owned owned, String currency, String locale) {
    Product p = owned.product();
    Variant v = owned.variant();
    String shown = ProductViews.locale(p.translations().keySet(), locale, p.defaultLocale());
    return new VariantSummary(v.id(), v.sku(), p.id(), p.slug(), p.translations().get(shown).name(), p.status(),
      v.options(), p.media().isEmpty() ? null : p.media().get(0), v.price(currency), v.stockOnHand(), p.version(),
      p.taxClass(), owned.stockSeq());
  }

  private static void addIfPresent(Set<UUID> set, UUID id) {
    if (id != null) {
      set.add(id);
    }
  }

  /** Variants of the products read so far, by variant id and by SKU (as stored, and in lower case). */
  private static final class Found {
    final Map<UUID, Owned> byId = new HashMap<>();
    final Map<String, Owned> bySku = new HashMap<>();
    final Map<String, Owned> bySkuKey = new HashMap<>();

    Found add(List<ProductCache.Held> products) {
      for (ProductCache.Held held : products) {
        for (Variant v : held.product().variants()) {
          var owned = new Owned(held.product(), v, held.stockSeq(v.id()));
          byId.put(v.id(), owned);
          bySku.put(v.sku(), owned);
          bySkuKey.putIfAbsent(ProductValidator.skuKey(v.sku()), owned);
        }
      }
      return this;
    }

    /** The variant with {@code sku}: in exactly that case, else in any case; null when not read. */
    Owned sku(String sku) {
      Owned exact = bySku.get(sku);
      return exact != null ? exact : bySkuKey.get(ProductValidator.skuKey(sku));
    }
  }

  /** A variant, its product and the sequence of its stock figure (null: not known). */
  private record Owned(Product product, Variant variant, Long stockSeq) {
  }
}
