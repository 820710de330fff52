package io.kinetic.kernel.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.testing.TestServices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rate limits' fixed-window counter through a real Redis: it counts, its window starts with the
 * first count and lapses, and it keeps counting when Redis forgot its script (sent by SHA).
 */
class WindowCounterTest {

  private static Vertx vertx;
  private static RedisAPI redis;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    redis = RedisAPI.api(Redis.createClient(vertx, TestServices.get().redisUrl(14)));
  }

  @AfterAll
  static void stop() throws Exception {
    redis.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void countsInAWindowThatStartsWithTheFirstCount() throws Exception {
    var counter = new WindowCounter(redis);
    String key = "window-test:" + UUID.randomUUID();
    WindowCounter.Count first = await(counter.increment(key, 60));
    WindowCounter.Count second = await(counter.increment(key, 60));
    assertEquals(1, first.value());
    assertEquals(2, second.value());
    assertTrue(first.secondsLeft() >= 59 && first.secondsLeft() <= 60, "the window starts with the first count: " + first);
    long ttl = await(redis.ttl(key)).toLong();
    assertTrue(ttl > 0 && ttl <= 60, "the counter lapses (TTL " + ttl + ")");
    await(redis.del(List.of(key)));
  }

  @Test
  void aWindowLapsesAndTheNextCountStartsAgain() throws Exception {
    var counter = new WindowCounter(redis);
    String key = "window-test:" + UUID.randomUUID();
    await(counter.increment(key, 1));
    await(counter.increment(key, 1));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (await(redis.exists(List.of(key))).toLong() == 1 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertEquals(1, await(counter.increment(key, 1)).value(), "a new window counts from 1");
    await(redis.del(List.of(key)));
  }

  @Test
  void keepsCountingWhenRedisForgotTheScript() throws Exception {
    var counter = new WindowCounter(redis);
    String key = "window-test:" + UUID.randomUUID();
    assertEquals(1, await(counter.increment(key, 60)).value());
    await(redis.script(List.of("FLUSH"))); // as after a restart: EVALSHA answers NOSCRIPT
    assertEquals(2, await(counter.increment(key, 60)).value(), "sent whole once, counted");
    assertEquals(3, await(counter.increment(key, 60)).value(), "and by its SHA again");
    await(redis.del(List.of(key)));
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
