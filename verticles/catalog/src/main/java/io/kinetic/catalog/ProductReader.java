package io.kinetic.catalog;

import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Products through the shared cache: a hit never touches PostgreSQL; misses are loaded in one
 * query and cached unless invalidated while loading. Lookups by slug go through the slug index
 * of the cache, checked against the product's current slug.
 */
final class ProductReader {

  private final Pool pool;
  private final ProductCache cache;

  ProductReader(Pool pool, ProductCache cache) {
    this.pool = pool;
    this.cache = cache;
  }

  /** Fails PRODUCT_NOT_FOUND. */
  Future<Product> byId(UUID id) {
    Product cached = cache.get(id);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    return byIds(List.of(id)).compose(list -> list.isEmpty()
      ? Future.failedFuture(ErrorCode.PRODUCT_NOT_FOUND.failure("no product " + id))
      : Future.succeededFuture(list.get(0)));
  }

  /** The products that exist among {@code ids}, in the order of {@code ids}. */
  Future<List<Product>> byIds(List<UUID> ids) {
    return heldByIds(ids).map(held -> held.stream().map(ProductCache.Held::product).toList());
  }

  /** {@link #byIds}, each product with its variants' stock figures as read with it. */
  Future<List<ProductCache.Held>> heldByIds(List<UUID> ids) {
    Map<UUID, ProductCache.Held> found = new HashMap<>(cache.getAll(ids));
    if (found.size() == ids.size()) {
      return Future.succeededFuture(ordered(ids, found));
    }
    var missing = new ArrayList<UUID>();
    var generations = new HashMap<UUID, Long>();
    for (UUID id : ids) {
      if (!found.containsKey(id) && generations.putIfAbsent(id, cache.generation(id)) == null) {
        missing.add(id);
      }
    }
    return ProductRepository.read(pool, missing).map(loaded -> {
      for (ProductRows.Read read : loaded) {
        Product p = read.product();
        cache.putIfCurrent(p, read.stock(), generations.get(p.id()));
        found.put(p.id(), new ProductCache.Held(p, read.stock()));
      }
      return ordered(ids, found);
    });
  }

  /** Fails PRODUCT_NOT_FOUND, also without a query for a slug no product can have. */
  Future<Product> bySlug(String slug) {
    if (slug == null || slug.length() > ProductValidator.MAX_SLUG || !ProductValidator.SLUG.matcher(slug).matches()) {
      return Future.failedFuture(ErrorCode.PRODUCT_NOT_FOUND.failure("no product has this slug"));
    }
    UUID hint = cache.idOf(slug);
    Future<Product> viaHint = hint == null ? Future.succeededFuture() : byId(hint).otherwiseEmpty();
    return viaHint.compose(product -> product != null && product.slug().equals(slug)
      ? Future.succeededFuture(product)
      : ProductRepository.idBySlug(pool, slug).compose(id -> {
        if (id == null) {
          return Future.failedFuture(ErrorCode.PRODUCT_NOT_FOUND.failure("no product with slug " + slug));
        }
        cache.rememberSlug(slug, id);
        return byId(id).compose(p -> p.slug().equals(slug) ? Future.succeededFuture(p)
          : Future.failedFuture(ErrorCode.PRODUCT_NOT_FOUND.failure("no product with slug " + slug)));
      }));
  }

  private static List<ProductCache.Held> ordered(List<UUID> ids, Map<UUID, ProductCache.Held> found) {
    var out = new ArrayList<ProductCache.Held>(ids.size());
    for (UUID id : ids) {
      ProductCache.Held p = found.get(id);
      if (p != null) {
        out.add(p);
      }
    }
    return out;
  }
}
