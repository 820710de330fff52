package io.kinetic.server;

import static io.kinetic.server.Shop.variantId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.gateway.subscriptions.GraphQlWsClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * {@code cartChanged} on the whole engine: a guest's WebSocket subscription, named by its cart
 * token, receives its own cart after a price change made through the admin API and after its own
 * add through REST; another shopper's changes never reach it; a forged token gets an error.
 */
@ResourceLock(value = "storefront-catalogue", mode = ResourceAccessMode.READ)
class CartLiveTest {

  private static final String SUBSCRIPTION = """
    subscription { cartChanged { id itemCount lines { variantId quantity priceChanged unitPrice { amount } } } }""";
  private static WebClient http;
  private static Vertx vertx;
  private static Shop shop;

  @BeforeAll
  static void start() throws Exception {
    http = RunningEngine.client();
    vertx = Vertx.vertx();
    shop = new Shop(http, RunningEngine.ADMIN_EMAIL, RunningEngine.ADMIN_PASSWORD);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aGuestFollowsItsOwnCartLive() throws Exception {
    var product = shop.product("PUBLISHED", 10, 10);
    String first = variantId(product, 0);
    String mine = shop.add(null, first, 1).getHeader("X-Cart-Token");
    String theirs = shop.add(null, first, 1).getHeader("X-Cart-Token");
    try (var client = GraphQlWsClient.connect(vertx, RunningEngine.httpPort()).initAndAck(new JsonObject().put("cartToken", mine))) {
      client.subscribe("cart", SUBSCRIPTION, new JsonObject());
      // the subscription listens once its first read is done: repeat the change until a message comes
      JsonObject repriced = null;
      for (int i = 0; i < 20 && repriced == null; i++) {
        shop.setPrice(Shop.sku(product, 0), 1300 + i);
        repriced = client.poll(Duration.ofMillis(500));
      }
      assertTrue(repriced != null, "a price change of a product in the cart is sent");
      JsonObject cart = awaitCart(client, c -> c.getJsonArray("lines").getJsonObject(0).getJsonObject("unitPrice")
        .getInteger("amount") >= 1300, repriced);
      assertTrue(cart.getJsonArray("lines").getJsonObject(0).getBoolean("priceChanged"));

      var added = shop.add(mine, variantId(product, 1), 2);
      assertEquals(200, added.statusCode(), added.bodyAsString());
      awaitCart(client, c -> c.getInteger("itemCount") == 3, null);

      String myId = cart.getString("id");
      assertEquals(200, shop.add(theirs, variantId(product, 1), 1).statusCode());
      // their reservation changes what is available of a product in my cart: my cart may be sent again, never theirs
      for (JsonObject other = client.poll(Duration.ofMillis(800)); other != null; other = client.poll(Duration.ofMillis(800))) {
        var sent = other.getJsonObject("payload").getJsonObject("data").getJsonObject("cartChanged");
        assertEquals(myId, sent.getString("id"), "only the subscriber's own cart: " + other.encode());
        assertEquals(3, sent.getInteger("itemCount"));
      }
    }
    try (var forged = GraphQlWsClient.connect(vertx, RunningEngine.httpPort()).initAndAck(new JsonObject().put("cartToken", "forged"))) {
      forged.subscribe("cart", SUBSCRIPTION, new JsonObject());
      JsonObject error = forged.next();
      assertEquals("error", error.getString("type"), error.encode());
      assertTrue(error.encode().contains("CART_NOT_FOUND"), error.encode());
    }
  }

  private static JsonObject awaitCart(GraphQlWsClient client, Predicate<JsonObject> wanted, JsonObject first) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    JsonObject message = first;
    while (System.nanoTime() < deadline) {
      if (message == null) {
        message = client.next();
      }
      assertEquals("next", message.getString("type"), message.encode());
      JsonObject cart = message.getJsonObject("payload").getJsonObject("data").getJsonObject("cartChanged");
      if (wanted.test(cart)) {
        return cart;
      }
      message = null;
    }
    throw new AssertionError("no such cart");
  }
}
