package io.kinetic.gateway.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionResult;
import graphql.schema.DataFetchingEnvironment;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Results of public shop queries, so that the same anonymous query over the same data is answered
 * without running it again: only queries whose every root field is marked {@code @cacheable} in
 * the schema, without an access token, without errors, and at most {@link #MAX_ENTRY_BYTES}.
 * One cache per node, bounded by the estimated size of its results.
 *
 * <p><b>Staleness.</b> Each result carries the tags its fetchers gave it ({@link #tag}, e.g.
 * {@code product:<id>}). An edge retires tags when its context's events say the data changed
 * ({@code EdgeHandlers.invalidations}): a retired tag remembers when ({@link #retired}), and a
 * result is served only when none of its tags was retired after it was computed; a result whose
 * computation overlapped a retirement of one of its tags is not kept. Every event retires its
 * tags twice, when it arrives and {@link #SETTLE} later, so that a result computed from a context
 * cache that had not yet caught up with the event (another node's catalog reloads asynchronously)
 * does not outlive it. And every result expires after {@code graphql.resultCacheSeconds}.
 */
public final class ResultCache implements Shareable {

  /** The GraphQL context key under which an execution collects its tags. */
  static final String TAGS = "kinetic.result-cache.tags";
  /** The tag of a result never to keep ({@link #uncacheable}). */
  static final String UNCACHEABLE = "!uncacheable";
  /** Results larger than this (estimated) are not kept. */
  static final long MAX_ENTRY_BYTES = 256 * 1024;
  /** How long after an event its tags are retired once more. */
  static final Duration SETTLE = Duration.ofSeconds(1);
  private static final long MAX_BYTES = 64L * 1024 * 1024;
  private static final String SHARED = "kinetic.graphql.result-cache";

  private final AtomicLong clock = new AtomicLong();
  private final Map<String, Long> retired = new ConcurrentHashMap<>();
  private final Cache<Key, Entry> results;

  private ResultCache(Duration ttl) {
    this.results = Caffeine.newBuilder()
      .maximumWeight(MAX_BYTES)
      .weigher((Key key, Entry entry) -> (int) Math.min(Integer.MAX_VALUE, entry.bytes()))
      .expireAfterWrite(ttl)
      .build();
  }

  /** This node's cache (every gateway instance of the node shares it). */
  static ResultCache of(Vertx vertx, Duration ttl) {
    return (ResultCache) vertx.sharedData().getLocalMap(SHARED).computeIfAbsent("cache", k -> new ResultCache(ttl));
  }

  /** Adds {@code tag} to the result being computed (no-op when the execution is not cacheable). */
  public static void tag(DataFetchingEnvironment env, String tag) {
    Set<String> tags = env.getGraphQlContext().get(TAGS);
    if (tags != null) {
      tags.add(tag);
    }
  }

  /**
   * Keeps the result being computed out of the cache: for a field whose answer changes within
   * seconds whatever the catalogue does (recommendations, which learn from every event).
   */
  public static void uncacheable(DataFetchingEnvironment env) {
    tag(env, UNCACHEABLE);
  }

  /** Retires every result that carries {@code tag} (the ones kept, and the ones being computed). */
  public void invalidate(String tag) {
    retired.put(tag, clock.incrementAndGet());
  }

  /** A time on the cache's own clock: when a computation starts. */
  long now() {
    return clock.get();
  }

  /** The result for {@code key} when none of its tags was retired since it was computed. */
  ExecutionResult get(Key key) {
    Entry entry = results.getIfPresent(key);
    if (entry == null) {
      return null;
    }
    if (retiredSince(entry.tags(), entry.computedAt())) {
      results.asMap().remove(key, entry);
      return null;
    }
    return entry.result();
  }

  /** Keeps {@code result} when it has tags, no errors, fits, and none of its tags was retired since {@code startedAt}. */
  void offer(Key key, ExecutionResult result, Set<String> tags, long startedAt) {
    if (!result.getErrors().isEmpty() || tags.isEmpty() || tags.contains(UNCACHEABLE) || retiredSince(tags, startedAt)) {
      return;
    }
    long bytes = RequestLimits.size(result.getData(), MAX_ENTRY_BYTES);
    if (bytes > MAX_ENTRY_BYTES) {
      return;
    }
    results.put(key, new Entry(result, Set.copyOf(tags), startedAt, bytes));
  }

  private boolean retiredSince(Set<String> tags, long time) {
    for (String tag : tags) {
      Long at = retired.get(tag);
      if (at != null && at > time) {
        return true;
      }
    }
    return false;
  }

  private record Entry(ExecutionResult result, Set<String> tags, long computedAt, long bytes) {
  }

  /** What makes two requests the same: the document, its operation and variables, and the resolved locale. */
  record Key(String query, String operationName, Map<String, Object> variables, String locale) {
  }
}
