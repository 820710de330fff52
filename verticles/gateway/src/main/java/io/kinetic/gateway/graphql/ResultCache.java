package io.kinetic.gateway.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionResult;
import graphql.schema.DataFetchingEnvironment;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Results of public shop queries, so that the same anonymous query over the same data is answered
 * without running it again: only queries whose every root field is marked {@code @cacheable} in
 * the schema, without an access token, and without errors. Each result carries the tags its
 * fetchers gave it ({@link #tag}, e.g. {@code product:<id>}); an edge retires tags when its
 * context's events say the data changed ({@code EdgeHandlers.invalidations}), and every entry
 * expires after {@code graphql.resultCacheSeconds} whatever happens, so a lost event cannot keep a
 * stale answer longer. A result computed while any tag was retired is not kept.
 */
public final class ResultCache {

  /** The GraphQL context key under which an execution collects its tags. */
  static final String TAGS = "kinetic.result-cache.tags";

  private final Cache<Key, ExecutionResult> results;
  private final Map<String, Set<Key>> byTag = new ConcurrentHashMap<>();
  private volatile long epoch;

  ResultCache(int maxEntries, Duration ttl) {
    this.results = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl)
      .removalListener((Key key, ExecutionResult result, com.github.benmanes.caffeine.cache.RemovalCause cause) -> {
        if (key != null) {
          key.tags().forEach(tag -> byTag.computeIfPresent(tag, (t, keys) -> {
            keys.remove(key);
            return keys.isEmpty() ? null : keys;
          }));
        }
      })
      .build();
  }

  /** Adds {@code tag} to the result being computed (no-op when the execution is not cacheable). */
  public static void tag(DataFetchingEnvironment env, String tag) {
    Set<String> tags = env.getGraphQlContext().get(TAGS);
    if (tags != null) {
      tags.add(tag);
    }
  }

  /** Retires every result that carries {@code tag}, and results being computed now. */
  public void invalidate(String tag) {
    epoch++;
    Set<Key> keys = byTag.remove(tag);
    if (keys != null) {
      results.invalidateAll(keys);
    }
  }

  ExecutionResult get(Key key) {
    return results.getIfPresent(key);
  }

  long epoch() {
    return epoch;
  }

  /** Keeps {@code result} when it has tags, no errors, and nothing was retired since {@code startedAt}. */
  void offer(Key request, ExecutionResult result, Set<String> tags, long startedAt) {
    if (!result.getErrors().isEmpty() || tags.isEmpty() || startedAt != epoch) {
      return;
    }
    Key key = request.withTags(Set.copyOf(tags));
    for (String tag : key.tags()) {
      byTag.computeIfAbsent(tag, t -> ConcurrentHashMap.newKeySet()).add(key);
    }
    results.put(key, result);
  }

  /** What makes two requests the same; the tags ride along but do not count. */
  record Key(String query, String operationName, Map<String, Object> variables, String acceptLanguage, Set<String> tags) {

    Key withTags(Set<String> found) {
      return new Key(query, operationName, variables, acceptLanguage, found);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key k && query.equals(k.query) && Objects.equals(operationName, k.operationName)
        && variables.equals(k.variables) && Objects.equals(acceptLanguage, k.acceptLanguage);
    }

    @Override
    public int hashCode() {
      return Objects.hash(query, operationName, variables, acceptLanguage);
    }
  }
}
