package io.kinetic.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.kinetic.kernel.contract.catalog.ProductSort;
import io.kinetic.kernel.contract.catalog.ProductStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The ids of recently listed pages (filters, sort, cursor), so a hot category page costs no
 * database round trip; the products themselves come from the {@link ProductCache}. A write
 * retires only the pages it can change ({@link ListRules} says which); every page also expires
 * {@code ttl} after it was stored, so a lost event cannot keep a page wrong for longer.
 *
 * <p>A page read from a snapshot taken before a write must not be stored after the write retired
 * pages: each retirement is numbered and remembered (the last {@link #LOG_SIZE}); a page is stored
 * only if no retirement since its read ({@link #mark()}) applies to it. Stores and retirements take
 * one lock (both are rare next to reads, which take none).
 */
final class ListCache {

  private static final int LOG_SIZE = 256;

  private final Cache<Key, Page> pages;
  private final Object lock = new Object();
  @SuppressWarnings("unchecked")
  private final Predicate<Page>[] log = new Predicate[LOG_SIZE];
  private long seq;

  ListCache(int maximumSize, Duration ttl) {
    this.pages = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(ttl).build();
  }

  /** Read before querying, then pass to {@link #putIfCurrent}. */
  long mark() {
    synchronized (lock) {
      return seq;
    }
  }

  /** The cached page, or null. */
  Page get(Key key) {
    return pages.getIfPresent(key);
  }

  /** Stores {@code page} unless a retirement since {@code readAt} applies to it. */
  void putIfCurrent(Page page, long readAt) {
    synchronized (lock) {
      if (seq - readAt >= LOG_SIZE) {
        return;
      }
      for (long s = readAt + 1; s <= seq; s++) {
        if (log[(int) (s % LOG_SIZE)].test(page)) {
          return;
        }
      }
      pages.put(page.key(), page);
    }
  }

  /** Drops every cached page {@code rule} applies to, and keeps pages being read now from being stored if it applies to them. */
  void retire(Predicate<Page> rule) {
    synchronized (lock) {
      seq++;
      log[(int) (seq % LOG_SIZE)] = rule;
      pages.asMap().values().removeIf(rule);
    }
  }

  void retireAll() {
    retire(page -> true);
  }

  /** Everything that decides which ids a page holds (not the locale: it only changes the rendering). */
  record Key(ProductSort sort, String currency, ProductStatus status, UUID categoryId, Map<String, String> attributes,
             Long minPrice, Long maxPrice, String after, int limit) {

    /** Whether a price in {@code currency} can decide what this page holds: a price sort or a price range in it. */
    boolean dependsOnPrice(String priceCurrency) {
      boolean byPrice = sort == ProductSort.PRICE_ASC || sort == ProductSort.PRICE_DESC || minPrice != null || maxPrice != null;
      return byPrice && currency.equals(priceCurrency);
    }
  }

  /**
   * A page as read: its {@code ids}; what its filters resolved to when it was read (the category
   * and its subcategories, the typed attribute values); and where it sits in the sort order: after
   * {@code from} (the cursor's position, null for the first page) up to {@code peek}, the first row
   * of the next page (null when the page was the last).
   */
  record Page(Key key, List<UUID> ids, String nextCursor, Set<UUID> categories, Map<String, Object> attributeValues,
              Position from, Position peek) {

    Page {
      ids = List.copyOf(ids);
    }

    /** Whether {@code id} is one of the page's ids or its peek row: a change to any of them can change the page. */
    boolean holds(UUID id) {
      return ids.contains(id) || peek != null && peek.id().equals(id);
    }
  }

  /** A row's place in a sort: its sort key (Instant, Long or String) and id. */
  record Position(Object key, UUID id) {
  }
}
