package io.kinetic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.pg.PgPools;
import io.kinetic.kernel.testing.Eventually;
import io.kinetic.kernel.testing.LockWaits;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Stopping the engine (what SIGTERM does) lets a request that is already being served finish with
 * its real answer: the gateway stops accepting first and drains while the catalog behind it is
 * still deployed; only then do the services and pools close.
 */
class GracefulShutdownTest {

  @Test
  void anInFlightWriteCompletesWhileTheEngineStops() throws Exception {
    String admin = "drain-" + UUID.randomUUID() + "@kinetic.test";
    Map<String, String> env = env(admin);
    Engine engine = Engine.start(env);
    Vertx vertx = Vertx.vertx();
    var sql = PgPools.create(vertx, env.get("COMMERCE_PG_URL"), 2, "catalog");
    try {
      WebClient http = WebClient.create(vertx);
      int port = engine.httpPort();
      String token = http.post(port, "127.0.0.1", "/api/v1/admin/auth/login")
        .sendJsonObject(new JsonObject().put("email", admin).put("password", "drain-admin-password"))
        .await(20, TimeUnit.SECONDS).bodyAsJsonObject().getString("accessToken");
      String sku = "DRAIN-" + UUID.randomUUID().toString().substring(0, 8);
      var created = http.post(port, "127.0.0.1", "/api/v1/admin/products").bearerTokenAuthentication(token)
        .sendJsonObject(product(sku)).await(20, TimeUnit.SECONDS);
      assertEquals(201, created.statusCode(), created.bodyAsString());
      UUID id = UUID.fromString(created.bodyAsJsonObject().getString("id"));

      // hold the product's row lock so the stock write below stays in flight (until it waits for the lock)
      var conn = sql.getConnection().await(10, TimeUnit.SECONDS);
      var tx = conn.begin().await(10, TimeUnit.SECONDS);
      conn.preparedQuery("SELECT 1 FROM product WHERE id = $1 FOR UPDATE").execute(Tuple.of(id)).await(10, TimeUnit.SECONDS);
      int holder = LockWaits.backendPid(conn).await(10, TimeUnit.SECONDS);
      var inFlight = http.put(port, "127.0.0.1", "/api/v1/admin/variants/" + sku + "/stock").bearerTokenAuthentication(token)
        .sendJsonObject(new JsonObject().put("onHand", 7));
      LockWaits.awaitBlockedBy(vertx, sql, holder, 1);

      long stopStarted = System.nanoTime();
      var stopped = CompletableFuture.runAsync(engine::stop);
      var probe = WebClient.create(vertx, new WebClientOptions().setKeepAlive(false));
      Eventually.until("the draining engine accepts no new connection", () -> {
        try {
          probe.get(port, "127.0.0.1", "/health/live").send().await(5, TimeUnit.SECONDS);
          return false;
        } catch (Exception refused) {
          return true;
        }
      });
      assertFalse(inFlight.isComplete(), "the write is still in flight while the engine drains");
      tx.commit().await(10, TimeUnit.SECONDS);
      conn.close();

      var response = inFlight.await(10, TimeUnit.SECONDS);
      assertEquals(200, response.statusCode(), response.bodyAsString());
      assertEquals(7, response.bodyAsJsonObject().getJsonArray("variants").getJsonObject(0).getInteger("stockOnHand"));
      stopped.get(15, TimeUnit.SECONDS);
      assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - stopStarted) < 10, "stopped within 10 s");
    } finally {
      sql.close();
      vertx.close();
    }
  }

  private static JsonObject product(String sku) {
    return new JsonObject()
      .put("slug", sku.toLowerCase()).put("status", "PUBLISHED").put("defaultLocale", "en")
      .put("translations", new JsonObject().put("en", new JsonObject().put("name", "Drain test").put("description", "d")))
      .put("categoryIds", new JsonArray()).put("attributes", new JsonObject()).put("media", new JsonArray())
      .put("seo", new JsonObject().put("title", "t").put("description", "d"))
      .put("variants", new JsonArray().add(new JsonObject().put("sku", sku).put("options", new JsonObject())
        .put("prices", new JsonArray().add(new JsonObject().put("amount", 100).put("currency", "EUR"))).put("stockOnHand", 1)));
  }

  private static Map<String, String> env(String admin) throws Exception {
    return EngineEnv.extra(admin, "drain-admin-password");
  }
}
