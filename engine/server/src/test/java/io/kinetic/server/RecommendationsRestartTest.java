package io.kinetic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * An engine of its own, whose recommender sees only this test's shoppers: an add to cart delivered
 * three times counts once in trending, and after a restart the models are rebuilt from PostgreSQL
 * (co-occurrence and trending answer as before).
 */
@ResourceLock(value = "storefront-catalogue", mode = ResourceAccessMode.READ)
@ResourceLock(value = "recommendation-settings", mode = ResourceAccessMode.READ)
class RecommendationsRestartTest {

  private static final String ADMIN = "reco-restart-" + UUID.randomUUID() + "@kinetic.test";
  private static final String PASSWORD = "reco-restart-password";
  private static Engine engine;
  private static Vertx vertx;

  @AfterAll
  static void stop() {
    if (vertx != null) {
      vertx.close();
    }
    if (engine != null) {
      engine.stop();
    }
  }

  private static WebClient client() {
    return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()));
  }

  private static JsonObject batch(String session, String type, String... products) {
    var events = new JsonArray();
    for (String p : products) {
      events.add(new JsonObject().put("id", UUID.randomUUID().toString()).put("type", type).put("productId", p));
    }
    return new JsonObject().put("sessionId", session).put("events", events);
  }

  private static void send(WebClient http, JsonObject batch) throws Exception {
    var r = http.post("/api/v1/events").sendJsonObject(batch).await(10, TimeUnit.SECONDS);
    assertEquals(202, r.statusCode(), r.bodyAsString());
  }

  private static JsonObject row(WebClient http, String query, String kind) throws Exception {
    var r = http.get("/api/v1/recommendations?" + query).send().await(10, TimeUnit.SECONDS);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return RecommendationsEndToEndTest.row(r.bodyAsJsonObject(), kind);
  }

  /**
   * The row's model and product ids, once it is served by {@code model} with {@code size} products.
   * Models learn within the request, so the counts are final when the events are answered; a new
   * product reaches the recommender's catalogue through its durable consumer a moment later, and
   * the row leaves it out until then.
   */
  private static Map.Entry<String, List<String>> await(WebClient http, String query, String kind, String model, int size)
    throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    JsonObject row = null;
    while (System.currentTimeMillis() < deadline) {
      row = row(http, query, kind);
      if (row.getString("model").equals(model) && RecommendationsEndToEndTest.ids(row).size() >= size) {
        break;
      }
      Thread.sleep(200);
    }
    return Map.entry(row.getString("model"), RecommendationsEndToEndTest.ids(row));
  }

  @Test
  void eventsCountOnceAndTheModelsSurviveARestart() throws Exception {
    var env = EngineEnv.extra(ADMIN, PASSWORD);
    engine = Engine.start(env);
    vertx = Vertx.vertx();
    WebClient http = client();
    var shop = new Shop(http, ADMIN, PASSWORD);
    String lamp = shop.product("PUBLISHED", 10).getString("id");
    String shade = shop.product("PUBLISHED", 10).getString("id");
    String retried = shop.product("PUBLISHED", 10).getString("id");

    // the shade is added to three carts, the lamp to two of them; the other product's add to cart is delivered three times
    send(http, batch("restart-one-" + UUID.randomUUID(), "add-to-cart", lamp, shade));
    send(http, batch("restart-two-" + UUID.randomUUID(), "add-to-cart", lamp, shade));
    send(http, batch("restart-three-" + UUID.randomUUID(), "add-to-cart", shade));
    var thrice = batch("restart-four-" + UUID.randomUUID(), "add-to-cart", retried);
    send(http, thrice);
    send(http, thrice);
    send(http, thrice);

    String home = "situation=home&limit=3&session=restart-fresh-" + UUID.randomUUID();
    var trending = await(http, home, "for-you", "trending", 3);
    assertEquals(Map.entry("trending", List.of(shade, lamp, retried)), trending,
      "shade 3 adds, lamp 2, the retried one 1 (counted 3 times it would tie the shade)");
    String product = "situation=product&productId=" + lamp;
    assertEquals(Map.entry("co-occurrence", List.of(shade)), await(http, product, "bought-together", "co-occurrence", 1));

    engine.stop();
    engine = Engine.start(env);
    WebClient again = client();
    assertEquals(Map.entry("co-occurrence", List.of(shade)), await(again, product, "bought-together", "co-occurrence", 1),
      "rebuilt from the stored events");
    assertEquals(shade, await(again, home, "for-you", "trending", 3).getValue().get(0));
  }
}
