package io.kinetic.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.kinetic.kernel.contract.catalog.Product;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Products by id and product ids by slug, bounded, shared by every catalog verticle instance of a
 * Vert.x instance. A read that misses notes the key's generation before it queries and may only
 * cache its result if no invalidation happened since: a read that started before a commit can
 * never put the old product back after the commit invalidated it. The slug index is a hint only,
 * readers check the product's slug.
 */
final class ProductCache {

  private static final int STRIPES = 4096;

  private final Cache<UUID, Product> products;
  private final Cache<String, UUID> slugs;
  private final AtomicLongArray generations = new AtomicLongArray(STRIPES);
  private final ListCache lists;

  ProductCache(int maximumSize) {
    this.products = Caffeine.newBuilder().maximumSize(maximumSize).build();
    this.slugs = Caffeine.newBuilder().maximumSize(maximumSize).build();
    this.lists = new ListCache(maximumSize / 10);
  }

  /** Pages of ids; retired with every product invalidation here. */
  ListCache lists() {
    return lists;
  }

  Product get(UUID id) {
    return products.getIfPresent(id);
  }

  Map<UUID, Product> getAll(List<UUID> ids) {
    return products.getAllPresent(ids);
  }

  UUID idOf(String slug) {
    return slugs.getIfPresent(slug);
  }

  /** Read before querying, then pass to {@link #putIfCurrent}. */
  long generation(UUID id) {
    return generations.get(stripe(id));
  }

  /** Caches {@code product} unless its id was invalidated after {@code generation} was read. */
  void putIfCurrent(Product product, long generation) {
    products.asMap().compute(product.id(),
      (id, cached) -> generations.get(stripe(id)) == generation ? product : cached);
    slugs.put(product.slug(), product.id());
  }

  void rememberSlug(String slug, UUID id) {
    slugs.put(slug, id);
  }

  /** Drops the product and the given slugs (null slugs are ignored). */
  void invalidate(UUID id, String... slugsToDrop) {
    lists.invalidateAll();
    products.asMap().compute(id, (key, cached) -> {
      generations.incrementAndGet(stripe(key));
      return null;
    });
    for (String slug : slugsToDrop) {
      if (slug != null) {
        slugs.invalidate(slug);
      }
    }
  }

  void invalidateAll() {
    for (int i = 0; i < STRIPES; i++) {
      generations.incrementAndGet(i);
    }
    products.invalidateAll();
    slugs.invalidateAll();
    lists.invalidateAll();
  }

  private static int stripe(UUID id) {
    long h = id.getMostSignificantBits() ^ id.getLeastSignificantBits();
    return (int) (h ^ (h >>> 32)) & (STRIPES - 1);
  }
}
