package io.kinetic.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.contract.catalog.Variant;
import io.kinetic.kernel.contract.catalog.VariantAvailability;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Products by id, and product ids by slug, by variant id and by SKU, bounded, shared by every
 * catalog verticle instance of a Vert.x instance. A read that misses notes the key's generation
 * before it queries and may only cache its result if no invalidation happened since: a read that
 * started before a commit can never put the old product back after the commit invalidated it. The
 * indexes are hints only, readers check them against the product. Every product expires {@code ttl}
 * after it was loaded, so a lost invalidation cannot leave a stale product (and price) for longer.
 */
final class ProductCache {

  private static final int STRIPES = 4096;

  private final Cache<UUID, Loaded> products;
  private final Cache<String, UUID> slugs;
  private final Cache<UUID, UUID> variants;
  private final Cache<String, UUID> skus;
  private final AtomicLongArray generations = new AtomicLongArray(STRIPES);
  private final Runnable changed;

  ProductCache(int maximumSize, Duration ttl) {
    this(maximumSize, ttl, () -> {
    });
  }

  /** {@code changed}: run on every invalidation and stock change (the node's {@code CatalogChanges}), after the product changed. */
  ProductCache(int maximumSize, Duration ttl, Runnable changed) {
    this.changed = changed;
    long ttlNanos = ttl.toNanos();
    // a product expires ttl after it was read from the database, however often availability was applied to it since
    this.products = Caffeine.newBuilder().maximumSize(maximumSize).expireAfter(new Expiry<UUID, Loaded>() {
      @Override
      public long expireAfterCreate(UUID key, Loaded value, long currentTime) {
        return Math.max(0, ttlNanos - (currentTime - value.at()));
      }

      @Override
      public long expireAfterUpdate(UUID key, Loaded value, long currentTime, long currentDuration) {
        return Math.max(0, ttlNanos - (currentTime - value.at()));
      }

      @Override
      public long expireAfterRead(UUID key, Loaded value, long currentTime, long currentDuration) {
        return currentDuration;
      }
    }).build();
    // the indexes are hints checked against the product: no expiry, or a product that stays cached
    // (availability is applied in place) would lose its variants' hints and cost a query per read
    this.slugs = Caffeine.newBuilder().maximumSize(maximumSize).build();
    this.variants = Caffeine.newBuilder().maximumSize(maximumSize).build();
    this.skus = Caffeine.newBuilder().maximumSize(maximumSize).build();
  }

  Product get(UUID id) {
    Loaded loaded = products.getIfPresent(id);
    return loaded == null ? null : loaded.product();
  }

  /** The cached ones of {@code ids}, each with its variants' stock figures as they were cached with it. */
  Map<UUID, Held> getAll(List<UUID> ids) {
    var all = new HashMap<UUID, Held>();
    products.getAllPresent(ids).forEach((id, loaded) -> all.put(id, new Held(loaded.product(), loaded.stock())));
    return all;
  }

  UUID idOf(String slug) {
    return slugs.getIfPresent(slug);
  }

  /** The product id a variant id was last seen under, or null. */
  UUID productOfVariant(UUID variantId) {
    return variants.getIfPresent(variantId);
  }

  /** The product id a SKU was last seen under (in any case), or null. */
  UUID productOfSku(String sku) {
    return skus.getIfPresent(ProductValidator.skuKey(sku));
  }

  void rememberVariant(UUID variantId, String sku, UUID productId) {
    variants.put(variantId, productId);
    skus.put(ProductValidator.skuKey(sku), productId);
  }

  /** Read before querying, then pass to {@link #putIfCurrent}. */
  long generation(UUID id) {
    return generations.get(stripe(id));
  }

  /**
   * Caches {@code product}, read with its variants' stock figures, unless its id was invalidated
   * after {@code generation} was read.
   */
  void putIfCurrent(Product product, Map<UUID, Stock> stock, long generation) {
    products.asMap().compute(product.id(),
      (id, cached) -> generations.get(stripe(id)) == generation ? new Loaded(product, System.nanoTime(), stock) : cached);
    slugs.put(product.slug(), product.id());
    product.variants().forEach(v -> rememberVariant(v.id(), v.sku(), product.id()));
  }

  void rememberSlug(String slug, UUID id) {
    slugs.put(slug, id);
  }

  /**
   * Carts reserved or released stock of the product's variants: the cached product takes the new
   * reserved totals in place, as long as it is the version they were computed for (else it is
   * dropped and read again), and for each variant only a total newer (by its sequence) than the one
   * it holds, so that events arriving out of order (relayed by different nodes) never put an older
   * figure back. Available is computed from the cached stock on hand, which may be newer than the
   * one the figure was computed with. Either way the generation moves on, so that a read started
   * earlier cannot put the old figures back. Updating in place rather than dropping keeps a busy
   * product, whose availability changes every second while shoppers fill carts, out of the database.
   */
  void applyAvailability(UUID id, long version, List<VariantAvailability> figures) {
    products.asMap().compute(id, (key, cached) -> {
      generations.incrementAndGet(stripe(key));
      if (cached == null || cached.product().version() != version) {
        return null;
      }
      var newest = new HashMap<UUID, VariantAvailability>();
      for (VariantAvailability figure : figures) {
        Stock held = cached.stock().get(figure.variantId());
        if (held == null) {
          return null; // a variant the cached product does not know: read it again
        }
        if (figure.sequence() > held.reservedSeq()) {
          newest.merge(figure.variantId(), figure, (a, b) -> b.sequence() > a.sequence() ? b : a);
        }
      }
      if (newest.isEmpty()) {
        return cached;
      }
      var stock = new HashMap<>(cached.stock());
      var variants = new ArrayList<Variant>(cached.product().variants().size());
      for (Variant v : cached.product().variants()) {
        VariantAvailability now = newest.get(v.id());
        if (now == null) {
          variants.add(v);
          continue;
        }
        if (now.reserved() == null) {
          return null; // a figure without its reserved total (logged by an older node): read it again
        }
        int reserved = now.reserved();
        stock.put(v.id(), new Stock(stock.get(v.id()).stockSeq(), reserved, now.sequence()));
        variants.add(new Variant(v.id(), v.sku(), v.options(), v.prices(), v.stockOnHand(), Math.max(v.stockOnHand() - reserved, 0)));
      }
      return new Loaded(withVariants(cached.product(), variants), cached.at(), Map.copyOf(stock));
    });
  }

  /**
   * A variant's stock on hand changed ({@code StockChanged}, or an allocation committed here): the
   * cached product takes the new figure in place when it is the version it was computed for and
   * the figure is newer (by the variant's stock sequence) than the one it holds; an older figure
   * (arriving late, or this node's own change heard again) changes nothing at all; without a
   * sequence, or for another version or an unknown variant, the product is dropped and read again.
   * Available follows from the reserved total the cache holds. Unless the figure was known, the
   * generation moves on and the node's {@code CatalogChanges} with it.
   */
  void applyStock(UUID id, long version, UUID variantId, int onHand, Long stockSeq) {
    boolean[] older = {false};
    products.asMap().compute(id, (key, cached) -> {
      Stock held = cached == null ? null : cached.stock().get(variantId);
      if (held != null && stockSeq != null && cached.product().version() == version && stockSeq <= held.stockSeq()) {
        older[0] = true; // known already (this node's own change, say): nothing moves
        return cached;
      }
      generations.incrementAndGet(stripe(key));
      if (held == null || stockSeq == null || cached.product().version() != version) {
        return null;
      }
      var variants = new ArrayList<Variant>(cached.product().variants().size());
      for (Variant v : cached.product().variants()) {
        variants.add(!v.id().equals(variantId) ? v
          : new Variant(v.id(), v.sku(), v.options(), v.prices(), onHand, Math.max(onHand - held.reserved(), 0)));
      }
      var stock = new HashMap<>(cached.stock());
      stock.put(variantId, new Stock(stockSeq, held.reserved(), held.reservedSeq()));
      return new Loaded(withVariants(cached.product(), variants), cached.at(), Map.copyOf(stock));
    });
    if (!older[0]) {
      changed.run();
    }
  }

  private static Product withVariants(Product p, List<Variant> variants) {
    return new Product(p.id(), p.slug(), p.status(), p.defaultLocale(), p.translations(), p.categoryIds(), p.attributes(),
      p.media(), p.seo(), List.copyOf(variants), p.createdAt(), p.updatedAt(), p.version(), p.taxClass());
  }

  /** Drops the product and the given slugs (null slugs are ignored). */
  void invalidate(UUID id, String... slugsToDrop) {
    products.asMap().compute(id, (key, cached) -> {
      generations.incrementAndGet(stripe(key));
      return null;
    });
    for (String slug : slugsToDrop) {
      if (slug != null) {
        slugs.invalidate(slug);
      }
    }
    changed.run();
  }

  void invalidateAll() {
    for (int i = 0; i < STRIPES; i++) {
      generations.incrementAndGet(i);
    }
    products.invalidateAll();
    slugs.invalidateAll();
    variants.invalidateAll();
    skus.invalidateAll();
    changed.run();
  }

  /**
   * A variant's stock figures as the cache holds them: the sequence of its stock on hand, and the
   * carts' reserved total with its sequence (0: none yet).
   */
  record Stock(long stockSeq, int reserved, long reservedSeq) {
  }

  /**
   * A product and its variants' stock figures, taken together (the figures say how new the
   * product's stock on hand is).
   */
  record Held(Product product, Map<UUID, Stock> stock) {

    /** The variant's stock sequence; null when not known. */
    Long stockSeq(UUID variantId) {
      Stock figure = stock.get(variantId);
      return figure == null ? null : figure.stockSeq();
    }
  }

  /**
   * A cached product, when it was read from the database ({@link System#nanoTime()}), and its
   * variants' stock figures.
   */
  private record Loaded(Product product, long at, Map<UUID, Stock> stock) {
  }

  private static int stripe(UUID id) {
    long h = id.getMostSignificantBits() ^ id.getLeastSignificantBits();
    return (int) (h ^ (h >>> 32)) & (STRIPES - 1);
  }
}
