package io.kinetic.kernel.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.testing.Eventually;
import io.kinetic.kernel.testing.TestServices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pipelined client through a real Redis: many commands in flight share one connection and each
 * gets its own answer in order; a connection Redis closes is replaced, and the commands after it
 * succeed on the new one.
 */
class PipelinedRedisTest {

  private static Vertx vertx;
  private static RedisAPI pipelined;
  private static RedisAPI admin;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    String url = TestServices.get().redisUrl(14);
    pipelined = RedisClients.pipelined(vertx, url, 4, "pipelined-test");
    admin = RedisAPI.api(Redis.createClient(vertx, url));
  }

  @AfterAll
  static void stop() throws Exception {
    pipelined.close();
    admin.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void manyCommandsInFlightShareOneConnectionAndEachGetsItsOwnAnswer() throws Exception {
    String key = "pipelined-test:" + UUID.randomUUID();
    int n = 2_000;
    var increments = new ArrayList<Future<Response>>(n);
    var ids = new ArrayList<Future<Response>>(n);
    for (int i = 0; i < n; i++) {
      increments.add(pipelined.incr(key));
      ids.add(pipelined.client(List.of("ID")));
    }
    Future.all(increments).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    Future.all(ids).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    Set<Long> values = new HashSet<>();
    increments.forEach(f -> values.add(f.result().toLong()));
    assertEquals(n, values.size(), "every INCR answered with a value of its own");
    // answers in the order sent: the i-th INCR saw i + 1
    for (int i = 0; i < n; i++) {
      assertEquals(i + 1, increments.get(i).result().toLong());
    }
    Set<Long> connections = new HashSet<>();
    ids.forEach(f -> connections.add(f.result().toLong()));
    assertEquals(1, connections.size(), "all commands went over one connection: " + connections);
    admin.del(List.of(key)).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void aConnectionRedisClosesIsReplaced() throws Exception {
    long before = await(pipelined.client(List.of("ID"))).toLong();
    await(admin.client(List.of("KILL", "ID", Long.toString(before))));
    // a command racing the close may fail, as on a pooled connection; the next ones go over a new one
    long after = Eventually.value("a command on a new connection", () -> await(pipelined.client(List.of("ID"))).toLong(),
      id -> id != before);
    assertNotEquals(before, after);
    String key = "pipelined-test:" + UUID.randomUUID();
    await(pipelined.set(List.of(key, "v")));
    assertEquals("v", await(pipelined.get(key)).toString());
    assertEquals(after, await(pipelined.client(List.of("ID"))).toLong(), "the new connection is kept");
    assertTrue(await(admin.del(List.of(key))).toInteger() == 1);
  }

  @Test
  void commandsThatHoldAConnectionsStateAreRefused() {
    var refused = assertThrows(java.util.concurrent.ExecutionException.class, () -> await(pipelined.multi()));
    assertTrue(refused.getCause().getMessage().contains("connection of its own"), refused.getCause().getMessage());
  }

  @Test
  void aConnectionThatAnswersNothingIsClosedItsCommandsFailAndTheNextOnesGoOverANewOne() throws Exception {
    String url = TestServices.get().redisUrl(14);
    RedisAPI quick = RedisAPI.api(new PipelinedRedis(vertx, Redis.createClient(vertx, url), "stall-test", 500, 100));
    try {
      long before = await(quick.client(List.of("ID"))).toLong();
      // Redis answers nobody for 2 s: as a connection a middlebox dropped without a word
      await(admin.client(List.of("PAUSE", "2000", "ALL")));
      var stuck = quick.client(List.of("ID"));
      var failure = assertThrows(java.util.concurrent.ExecutionException.class,
        () -> stuck.toCompletionStage().toCompletableFuture().get(1_900, TimeUnit.MILLISECONDS),
        "the command fails once its connection answered nothing for 500 ms, before Redis answers again");
      assertTrue(failure.getCause().getMessage().toLowerCase().contains("closed"), failure.getCause().toString());
      // the next command goes over a new connection (the closed one never returns from the pool)
      long after = await(quick.client(List.of("ID"))).toLong();
      assertNotEquals(before, after);
      assertEquals(after, await(quick.client(List.of("ID"))).toLong(), "and stays on it");
    } finally {
      admin.client(List.of("UNPAUSE"));
      quick.close();
    }
  }

  private static Response await(Future<Response> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
