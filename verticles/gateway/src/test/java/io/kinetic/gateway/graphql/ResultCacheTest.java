package io.kinetic.gateway.graphql;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import graphql.ExecutionResult;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The result cache's staleness rules, on their own. */
class ResultCacheTest {

  private static Vertx vertx;
  private static ResultCache cache;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    cache = ResultCache.of(vertx, Duration.ofMinutes(1));
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  @Test
  void identicalResultsOfferedTwiceAreBothRetiredByTheirTag() {
    var key = key("twice");
    cache.offer(key, result("first"), Set.of("product:twice"), cache.now());
    cache.offer(key, result("second"), Set.of("product:twice"), cache.now());
    assertNotNull(cache.get(key));
    cache.invalidate("product:twice");
    assertNull(cache.get(key), "concurrent misses of one query must not hide it from its tag");
  }

  @Test
  void aResultComputedWhileItsTagWasRetiredIsNotKept() {
    var key = key("overlap");
    long started = cache.now();
    cache.invalidate("product:overlap");
    cache.offer(key, result("stale"), Set.of("product:overlap"), started);
    assertNull(cache.get(key));
  }

  @Test
  void anotherTagsRetirementKeepsTheResult() {
    var key = key("other");
    long started = cache.now();
    cache.invalidate("product:unrelated");
    ExecutionResult result = result("fresh");
    cache.offer(key, result, Set.of("product:other"), started);
    assertSame(result, cache.get(key), "an unrelated event during the computation costs nothing");
  }

  @Test
  void aResultTooLargeToKeepIsNotKept() {
    var key = key("large");
    cache.offer(key, result("x".repeat((int) ResultCache.MAX_ENTRY_BYTES)), Set.of("product:large"), cache.now());
    assertNull(cache.get(key));
  }

  private static ResultCache.Key key(String name) {
    return new ResultCache.Key("{productBySlug(slug:\"" + name + "\"){id}}", null, Map.of(), "en");
  }

  private static ExecutionResult result(String value) {
    return ExecutionResult.newExecutionResult().data(Map.of("productBySlug", Map.of("id", value))).build();
  }
}
