package io.kinetic.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.kinetic.kernel.contract.catalog.ProductSort;
import io.kinetic.kernel.contract.catalog.ProductStatus;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ids of recently listed pages (filters, sort, cursor), so a hot category page costs no
 * database round trip; the products themselves come from the {@link ProductCache}. Any product or
 * category change on this node, or announced by an event, moves the generation on and so retires
 * every cached page at once; a page read before that change is never stored after it.
 */
final class ListCache {

  private final Cache<Key, Page> pages;
  private final AtomicLong generation = new AtomicLong();

  ListCache(int maximumSize) {
    this.pages = Caffeine.newBuilder().maximumSize(maximumSize).build();
  }

  /** Read before querying, then pass to {@link #putIfCurrent}. */
  long generation() {
    return generation.get();
  }

  /** The cached page, or null when there is none of the current generation. */
  Page get(Key key) {
    Page page = pages.getIfPresent(key);
    return page != null && page.generation() == generation.get() ? page : null;
  }

  void putIfCurrent(Key key, List<UUID> ids, String nextCursor, long readAt) {
    if (readAt == generation.get()) {
      pages.put(key, new Page(List.copyOf(ids), nextCursor, readAt));
    }
  }

  void invalidateAll() {
    generation.incrementAndGet();
  }

  /** Everything that decides which ids a page holds (not the locale: it only changes the rendering). */
  record Key(ProductSort sort, String currency, ProductStatus status, UUID categoryId, Map<String, String> attributes,
             Long minPrice, Long maxPrice, String after, int limit) {
  }

  record Page(List<UUID> ids, String nextCursor, long generation) {
  }
}
