package io.kinetic.search;

import io.kinetic.kernel.contract.search.SearchQuery;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Recent answers by request, on the verticle's context: an answer serves the same request again for
 * at most {@link #TTL_NANOS} (so a change another node applied shows within it), and never after
 * this node applied a change to the index, synonyms or taxonomy ({@link #invalidate}: a new
 * generation). A generation read before a search started guards against caching an answer computed
 * from rows older than a change applied meanwhile. Least recently used entries go first.
 */
final class ResultCache {

  static final long TTL_NANOS = TimeUnit.MILLISECONDS.toNanos(1_000);
  static final int MAX_ENTRIES = 5_000;

  private record Entry(SearchService.Answer answer, long generation, long at) {
  }

  private final Map<SearchQuery, Entry> entries = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<SearchQuery, Entry> eldest) {
      return size() > MAX_ENTRIES;
    }
  };
  private volatile long generation;

  /** Something answers depend on changed; callable from any thread. */
  void invalidate() {
    generation++;
  }

  long generation() {
    return generation;
  }

  SearchService.Answer get(SearchQuery q) {
    Entry entry = entries.get(q);
    if (entry == null) {
      return null;
    }
    if (entry.generation() != generation || System.nanoTime() - entry.at() > TTL_NANOS) {
      entries.remove(q);
      return null;
    }
    return entry.answer();
  }

  void put(SearchQuery q, SearchService.Answer answer, long computedAt) {
    if (computedAt == generation) {
      entries.put(q, new Entry(answer, computedAt, System.nanoTime()));
    }
  }
}
