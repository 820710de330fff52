package io.kinetic.server;

import static io.kinetic.server.CheckoutEndToEndTest.GERMANY_STANDARD;
import static io.kinetic.server.CheckoutEndToEndTest.order;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kinetic.kernel.testing.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine is killed (SIGKILL) after shoppers paid and before the engine heard of it (the test
 * provider's notices are held back for a minute, nobody returns from paying). After a restart the
 * reconciliation asks the provider and every paid order ends paid, once; the unpaid ones still wait.
 */
class CheckoutCrashTest {

  private static final String ADMIN = "crash-admin@example.com";
  private static final String PASSWORD = "crash-admin-password";
  private static Vertx vertx;
  private static Map<String, String> env;

  @BeforeAll
  static void start() throws Exception {
    env = EngineEnv.extra(ADMIN, PASSWORD);
    env.put("COMMERCE_EMBEDDED_DATA_DIR", Files.createTempDirectory("kinetic-crash").toString());
    env.put("COMMERCE_CHECKOUT_RECONCILE_SECONDS", "1");
    env.put("COMMERCE_CHECKOUT_PENDING_CHECK_SECONDS", "1");
    env.put("COMMERCE_CHECKOUT_TEST_NOTICE_MILLIS", "60000");
    env.put("COMMERCE_CHECKOUT_TEST_LATE_MILLIS", "1500");
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  private static WebClient client(EngineProcess engine) {
    return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()),
      new PoolOptions().setHttp1MaxSize(30));
  }

  @Test
  void paymentsMadeBeforeACrashEndPaidAfterTheRestart() throws Exception {
    int paid = 20;
    int late = 5;
    int unpaid = 5;
    var orders = new ArrayList<JsonObject>();
    JsonObject product;
    Shop shop;
    try (EngineProcess first = EngineProcess.start(env, Map.of()).awaitReady(Duration.ofSeconds(180))) {
      WebClient http = client(first);
      shop = new Shop(http, ADMIN, PASSWORD);
      product = shop.product("PUBLISHED", 100);
      for (int i = 0; i < paid + late + unpaid; i++) {
        String guest = shop.add(null, Shop.variantId(product, 0), 1).getHeader("X-Cart-Token");
        var placed = Shop.send(Shop.withCart(http.post("/api/v1/checkout/orders"), guest)
          .putHeader("Idempotency-Key", UUID.randomUUID().toString()), order("crash@example.com", "DE", GERMANY_STANDARD));
        assertEquals(201, placed.statusCode(), placed.bodyAsString());
        orders.add(placed.bodyAsJsonObject());
      }
      var payments = new ArrayList<Future<HttpResponse<Buffer>>>();
      for (int i = 0; i < paid + late; i++) {
        JsonObject placed = orders.get(i);
        payments.add(http.post("/api/v1/orders/" + placed.getJsonObject("order").getString("id") + "/payment/test-card")
          .putHeader("X-Order-Token", placed.getString("accessToken"))
          .sendJsonObject(new JsonObject().put("card", i < paid ? "4242424242424242" : "4000000000000259")));
      }
      for (var f : payments) {
        assertEquals(200, f.await(20, TimeUnit.SECONDS).statusCode());
      }
      first.kill(); // the money is taken; the engine has not heard of it
    }

    Files.deleteIfExists(java.nio.file.Path.of(env.get("COMMERCE_EMBEDDED_DATA_DIR"), "runtime.json")); // left by the killed one
    try (EngineProcess second = EngineProcess.start(env, Map.of()).awaitReady(Duration.ofSeconds(180))) {
      WebClient http = client(second);
      var staff = new Shop(http, ADMIN, PASSWORD);
      List<String> states = Eventually.value("every paid order is paid after the restart", Duration.ofSeconds(30),
        () -> states(http, staff, orders), s -> s.subList(0, paid + late).stream().allMatch("paid"::equals));
      assertEquals(List.of("placed", "placed", "placed", "placed", "placed"), states.subList(paid + late, orders.size()));
      for (int i = 0; i < paid + late; i++) {
        var detail = http.get("/api/v1/admin/orders/" + orders.get(i).getJsonObject("order").getString("id"))
          .bearerTokenAuthentication(staff.staffToken()).send().await(10, TimeUnit.SECONDS).bodyAsJsonObject();
        long succeeded = detail.getJsonArray("timeline").stream().filter(e -> "PaymentSucceeded".equals(((JsonObject) e).getString("type")))
          .count();
        assertEquals(1, succeeded, detail.encode());
      }
      var stock = http.get("/api/v1/admin/products/" + product.getString("id")).bearerTokenAuthentication(staff.staffToken())
        .send().await(10, TimeUnit.SECONDS).bodyAsJsonObject();
      assertEquals(100 - orders.size(), stock.getJsonArray("variants").getJsonObject(0).getInteger("stockOnHand"),
        "every order holds its unit once");
    }
  }

  private static List<String> states(WebClient http, Shop staff, List<JsonObject> orders) throws Exception {
    var states = new ArrayList<String>();
    for (JsonObject placed : orders) {
      var r = http.get("/api/v1/admin/orders/" + placed.getJsonObject("order").getString("id"))
        .bearerTokenAuthentication(staff.staffToken()).send().await(10, TimeUnit.SECONDS);
      states.add(r.bodyAsJsonObject().getJsonObject("order").getString("state"));
    }
    return states;
  }
}
