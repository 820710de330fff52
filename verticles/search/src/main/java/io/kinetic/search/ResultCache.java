package io.kinetic.search;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Recent answers by request, on the verticle's context: an answer serves the same request again for
 * at most {@link #TTL_NANOS} (so a change another node applied shows within it), and never after
 * this node applied a change to the index, synonyms or taxonomy (a new {@link Generation}). A generation read before a search started guards against caching an answer computed
 * from rows older than a change applied meanwhile. Least recently used entries go first.
 */
final class ResultCache<K, V> {

  static final long TTL_NANOS = TimeUnit.MILLISECONDS.toNanos(1_000);
  static final int MAX_ENTRIES = 5_000;

  private record Entry<V>(V answer, long generation, long at) {
  }

  private final Map<K, Entry<V>> entries = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
      return size() > MAX_ENTRIES;
    }
  };
  private final Generation generation;

  /** Caches sharing a generation are invalidated together. */
  ResultCache(Generation generation) {
    this.generation = generation;
  }

  /** What the answers of the caches depend on: bumped by every change this node applies. */
  static final class Generation {
    private volatile long value;

    void next() {
      value++;
    }

    long value() {
      return value;
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
    if (entry.generation() != generation.value() || System.nanoTime() - entry.at() > TTL_NANOS) {
      entries.remove(key);
      return null;
    }
    return entry.answer();
  }

  void put(K key, V answer, long computedAt) {
    if (computedAt == generation.value()) {
      entries.put(key, new Entry<>(answer, computedAt, System.nanoTime()));
    }
  }
}
