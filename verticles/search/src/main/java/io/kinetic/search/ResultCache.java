package io.kinetic.search;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Answers by request, on the verticle's context, valid while nothing they were computed from
 * changes. Each answer is kept with what it depends on ({@link Dependencies}): the products its
 * query text matches (the match set before any filter: a product outside it is neither listed nor
 * counted, whatever its price or stock) and its currency, or everything (a browse, price bounds,
 * a large match set, OpenSearch's answers). Changes come as {@link Generation#retire} of products
 * (a price in one currency, units or availability: what {@code change_log} says the database's
 * change version moved for, whichever node committed it, polled every
 * {@link SearchVerticle#VERSION_POLL_MILLIS}) or {@link Generation#next} of everything (any other
 * change of the index, synonyms, taxonomy or lexicon, a failed poll). Each retirement opens a new
 * generation; an answer is checked against the retirements since its own when read again (kept,
 * or let go), and an answer computed while a retirement it depends on landed is not kept (the
 * generation read before it started). Least recently used entries go first; an answer is also let
 * go after {@link #MAX_AGE_NANOS} unused or not.
 */
final class ResultCache<K, V> {

  static final long MAX_AGE_NANOS = TimeUnit.MINUTES.toNanos(10);
  static final int MAX_ENTRIES = 5_000;

  private static final class Entry<V> {
    V answer;
    final Dependencies dependencies;
    final long at;
    long generation;

    Entry(V answer, Dependencies dependencies, long generation, long at) {
      this.answer = answer;
      this.dependencies = dependencies;
      this.generation = generation;
      this.at = at;
    }
  }

  /**
   * What an answer depends on: {@code products} the sorted {@link #key keys} of the products its
   * text matches ({@code null}: every product and everything else), priced in {@code currency};
   * {@code counted} those of them counted in its price buckets (passing its other filters, with a
   * price; {@code null}: all of them with a price, no filter); {@code page} the products it lists
   * (their cards); {@code version} the change version its rows were read at (changes up to it are
   * in the answer already; -1 unknown); {@code order} 1 by lowest price ascending, -1 by highest
   * descending, 0 not by price, with {@code first} and {@code last} the order's values of its
   * first and last card; {@code priceFiltered} whether it filters by price buckets;
   * {@code patchable} whether a price bucket's count may be moved in it (no spelling correction);
   * {@code unit} the minor units per major unit of its currency (the price buckets' bounds).
   */
  record Dependencies(int[] products, int[] counted, int[] page, String currency, long version, int order, Long first,
                      Long last, boolean priceFiltered, boolean patchable, long unit) {

    /** Depends on every change. */
    static final Dependencies EVERYTHING = new Dependencies(null, null, null, null, -1, 0, null, null, true, false, 1);
    /** Depends on no product (only on changes of everything: words, names, categories). */
    static final Dependencies NO_PRODUCT = new Dependencies(new int[0], null, new int[0], null, -1, 0, null, null, true, false, 1);

    /** Above this many products an answer depends on everything (memory, and it would go soon anyway). */
    static final int MAX_PRODUCTS = 4_096;

    /** Keys of products from the statement: 8 hex digits per product (the uuid's last 8), sorted. */
    static int[] keys(String hex) {
      int n = hex.length() / 8;
      int[] keys = new int[n];
      for (int i = 0; i < n; i++) {
        keys[i] = Integer.parseUnsignedInt(hex, i * 8, i * 8 + 8, 16);
      }
      Arrays.sort(keys);
      return keys;
    }

    static int[] keys(List<UUID> products) {
      return products.stream().mapToInt(ResultCache::key).sorted().toArray();
    }

    /**
     * The dependencies of an answer showing this run that also ran {@code other} (a search and its
     * spelling-corrected retry): a product of either run's match set may change it; this run's
     * counts, page and order are the ones shown (the other's total stays as it was unless a price
     * filter reads prices).
     */
    Dependencies alsoOn(Dependencies other) {
      if (products == null || other.products == null || (currency != null && other.currency != null && !currency.equals(other.currency))) {
        return EVERYTHING;
      }
      return new Dependencies(merge(products, other.products), counted != null ? counted : products, merge(page, other.page),
        currency != null ? currency : other.currency, Math.min(version, other.version), order, first, last,
        priceFiltered || other.priceFiltered, patchable, Math.max(unit, other.unit));
    }

    private static int[] merge(int[] a, int[] b) {
      int[] merged = new int[a.length + b.length];
      System.arraycopy(a, 0, merged, 0, a.length);
      System.arraycopy(b, 0, merged, a.length, b.length);
      Arrays.sort(merged);
      return merged;
    }

    private static boolean has(int[] keys, int key) {
      return Arrays.binarySearch(keys, key) >= 0;
    }

    /**
     * What the change does to the answer: {@link #NONE}, {@link #RETIRE}, or the index of the
     * price bucket a count moves from times {@link #BUCKETS} plus the one it moves to. A product
     * the text does not match is neither listed nor counted. Of a matching one: its units show on
     * its card only (availability unchanged); its availability counts in the availability facet;
     * its price in another currency is not read; its price in the answer's shows on its card,
     * filters by price bucket, orders by price (a product before the page or after it that stays
     * there leaves the page as it is), and counts in one price bucket when it passes the other
     * filters: nothing else reads prices (not the rank, the total or any other facet's counts).
     */
    int effectOf(Change change) {
      if (products == null) {
        return RETIRE;
      }
      if (version >= 0 && change.version() <= version) {
        return NONE; // the answer's rows have it already
      }
      if (change.card()) {
        return has(page, change.product()) ? RETIRE : NONE;
      }
      if (!has(products, change.product())) {
        return NONE;
      }
      if (change.currency() == null) {
        return RETIRE; // availability
      }
      if (currency != null && !change.currency().equals(currency)) {
        return NONE;
      }
      if (currency == null || priceFiltered || !patchable || change.oldMin() == null || change.newMin() == null
          || has(page, change.product())) {
        return RETIRE;
      }
      if (order != 0 && page.length > 0) {
        Long before = order > 0 ? change.oldMin() : change.oldMax();
        Long after = order > 0 ? change.newMin() : change.newMax();
        if (before == null || after == null || first == null || last == null) {
          return RETIRE;
        }
        int side = side(before);
        if (side == 0 || side != side(after)) {
          return RETIRE;
        }
      }
      int from = SearchStatement.bucket(change.oldMin(), unit);
      int to = SearchStatement.bucket(change.newMin(), unit);
      if (from == to || counted != null && !has(counted, change.product())) {
        return NONE;
      }
      return from * BUCKETS + to;
    }

    /** -1 before the page in its order, 1 after it, 0 on it or tied with an end. */
    private int side(long value) {
      if (order > 0) {
        return value < first ? -1 : value > last ? 1 : 0;
      }
      return value > first ? -1 : value < last ? 1 : 0;
    }
  }

  /** {@link Dependencies#effectOf}: the change does not alter the answer. */
  static final int NONE = -1;
  /** {@link Dependencies#effectOf}: the answer goes. */
  static final int RETIRE = -2;
  static final int BUCKETS = SearchStatement.PRICE_BOUNDS.length + 1;

  /** Moves one product's count from a price bucket to another in an answer (a copy); null when it cannot. */
  interface Patcher<V> {
    V moveBucket(V answer, int from, int to);
  }

  /** A product's key: its uuid's last 32 bits (the statement's 8 hex digits). Two products may share one: then both retire. */
  static int key(UUID product) {
    return (int) product.getLeastSignificantBits();
  }

  /**
   * A change of one product committed at {@code version}: {@code card} its units only; else
   * {@code currency} null its availability, or its price in that currency, lowest amounts
   * {@code oldMin} to {@code newMin} and highest {@code oldMax} to {@code newMax} (null: the price
   * came or went).
   */
  record Change(long version, int product, String currency, boolean card, Long oldMin, Long newMin, Long oldMax, Long newMax) {
    static Change of(long version, UUID product, String currency, boolean card, Long oldMin, Long newMin, Long oldMax, Long newMax) {
      return new Change(version, key(product), currency == null ? null : currency.trim(), card, oldMin, newMin, oldMax, newMax);
    }
  }

  private final Map<K, Entry<V>> entries = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
      return size() > MAX_ENTRIES;
    }
  };
  private final Generation generation;
  private final Patcher<V> patcher;

  /** Caches sharing a generation are invalidated together. */
  ResultCache(Generation generation) {
    this(generation, null);
  }

  /** {@code patcher}: moves a price bucket's count in a kept answer rather than retiring it. */
  ResultCache(Generation generation, Patcher<V> patcher) {
    this.generation = generation;
    this.patcher = patcher;
  }

  /**
   * What the answers of the caches depend on: a number moved by every retirement this node
   * applies, with the latest retirements (older answers than those kept are let go).
   */
  static final class Generation {
    /** Retirements kept for checking answers computed or cached before them. */
    static final int KEPT = 1_024;

    private record Retirement(long generation, List<Change> changes) {
    }

    private volatile long value;
    private final ArrayDeque<Retirement> recent = new ArrayDeque<>();
    private long retiredAll;
    private long retiredProducts;

    /** Everything changed: every answer goes. */
    synchronized void next() {
      value++;
      retiredAll++;
      recent.addLast(new Retirement(value, null));
      trim();
    }

    /** These products changed: the answers depending on them go. */
    synchronized void retire(Collection<Change> changes) {
      if (changes.isEmpty()) {
        return;
      }
      value++;
      retiredProducts += changes.size();
      recent.addLast(new Retirement(value, List.copyOf(changes)));
      trim();
    }

    private void trim() {
      while (recent.size() > KEPT) {
        recent.removeFirst();
      }
    }

    long value() {
      return value;
    }

    /** How many times everything was retired (tests, metrics). */
    long retiredAll() {
      return retiredAll;
    }

    /** How many product changes were retired selectively (tests, metrics). */
    long retiredProducts() {
      return retiredProducts;
    }

    /**
     * The answer of generation {@code since} with these dependencies as it is now: itself, a
     * patched copy, or null when a retirement since then alters it (or is no longer known).
     */
    synchronized <V> V now(long since, Dependencies dependencies, V answer, Patcher<V> patcher) {
      if (since == value) {
        return answer;
      }
      if (recent.isEmpty() || recent.peekFirst().generation() > since + 1) {
        return null; // retirements since then are no longer known
      }
      V current = answer;
      for (Retirement r : recent) {
        if (r.generation() <= since) {
          continue;
        }
        if (r.changes() == null) {
          return null;
        }
        for (Change change : r.changes()) {
          int effect = dependencies.effectOf(change);
          if (effect == RETIRE) {
            return null;
          }
          if (effect != NONE) {
            current = patcher == null ? null : patcher.moveBucket(current, effect / BUCKETS, effect % BUCKETS);
            if (current == null) {
              return null;
            }
          }
        }
      }
      return current;
    }
  }

  long generation() {
    return generation.value();
  }

  V get(K key) {
    Entry<V> entry = entries.get(key);
    if (entry == null) {
      return null;
    }
    if (System.nanoTime() - entry.at > MAX_AGE_NANOS) {
      entries.remove(key);
      return null;
    }
    synchronized (generation) {
      V now = generation.now(entry.generation, entry.dependencies, entry.answer, patcher);
      if (now == null) {
        entries.remove(key);
        return null;
      }
      entry.answer = now;
      entry.generation = generation.value();
      return now;
    }
  }

  /** Keeps an answer that depends on everything (it goes with any change). */
  void put(K key, V answer, long computedAt) {
    put(key, answer, Dependencies.EVERYTHING, computedAt);
  }

  /**
   * Keeps the answer (patched for the changes since {@code computedAt}, the generation before it
   * was computed, that its rows did not have) unless one of them alters it otherwise.
   */
  void put(K key, V answer, Dependencies dependencies, long computedAt) {
    synchronized (generation) {
      V current = generation.now(computedAt, dependencies, answer, patcher);
      if (current != null) {
        entries.put(key, new Entry<>(current, dependencies, generation.value(), System.nanoTime()));
      }
    }
  }
}
