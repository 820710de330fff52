package io.kinetic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kinetic.gateway.ContractCheck;
import io.kinetic.server.stripe.FakeStripe;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One engine per test JVM that takes payments with Stripe, at a {@link FakeStripe} of its own (the
 * only fake: Stripe's remote API), on a database and Redis db of its own, with the reconciliation
 * every second and no polling of pending payments (so what a test sees comes from the webhooks and
 * the shopper's return). Shared by the Stripe test classes; each works on orders of its own.
 */
public final class StripeEngine {

  static final String ADMIN = "stripe-admin-" + UUID.randomUUID() + "@kinetic.test";
  static final String PASSWORD = "stripe-admin-password";
  static final String SECRET_KEY = "sk_test_fake" + UUID.randomUUID().toString().replace("-", "");
  static final String WEBHOOK_SECRET = "whsec_fake" + UUID.randomUUID().toString().replace("-", "");
  /** Germany's standard shipping (the migration's fixed id): 4.90 EUR below 50 EUR of items. */
  static final String DE_STANDARD = "5b0c0b9e-0000-4000-8000-000000000101";

  private static StripeEngine instance;

  public final FakeStripe stripe;
  public final Engine engine;
  final Vertx vertx;
  /** Checked against the contract. */
  final WebClient http;
  /** Unchecked, with many connections: for storms. */
  final WebClient raw;
  final Shop shop;
  final String pgUrl;

  private StripeEngine(FakeStripe stripe, Engine engine, Vertx vertx, WebClient http, WebClient raw, String pgUrl) {
    this.stripe = stripe;
    this.engine = engine;
    this.vertx = vertx;
    this.http = http;
    this.raw = raw;
    this.shop = new Shop(http, ADMIN, PASSWORD);
    this.pgUrl = pgUrl;
  }

  public static synchronized StripeEngine get() throws Exception {
    if (instance == null) {
      FakeStripe stripe = FakeStripe.start(SECRET_KEY, WEBHOOK_SECRET);
      Map<String, String> env = EngineEnv.withStripe(EngineEnv.extra(ADMIN, PASSWORD), stripe.apiBase(), SECRET_KEY, WEBHOOK_SECRET);
      env.put("COMMERCE_CHECKOUT_RECONCILE_SECONDS", "1");
      env.put("COMMERCE_CHECKOUT_PENDING_CHECK_SECONDS", "3600");
      Engine engine = Engine.start(env);
      Vertx vertx = Vertx.vertx();
      var options = new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort());
      WebClient http = WebClient.create(vertx, options, new PoolOptions().setHttp1MaxSize(20));
      ContractCheck.install(vertx, http, engine.httpPort());
      WebClient raw = WebClient.create(vertx, options, new PoolOptions().setHttp1MaxSize(48));
      instance = new StripeEngine(stripe, engine, vertx, http, raw, env.get("COMMERCE_PG_URL"));
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        vertx.close();
        engine.stop();
        stripe.close();
      }));
    }
    return instance;
  }

  /** A published product with one variant of {@code stock} units at 10.00 EUR; answers its variant id. */
  public String variant(int stock) throws Exception {
    return Shop.variantId(shop.product("PUBLISHED", stock), 0);
  }

  /** A published product with one variant of {@code stock} units at {@code price} EUR cents; answers its variant id. */
  String variant(int stock, long price) throws Exception {
    String unique = UUID.randomUUID().toString().substring(0, 8);
    var input = new JsonObject()
      .put("slug", "stripe-" + unique).put("status", "PUBLISHED").put("defaultLocale", "en")
      .put("translations", new JsonObject().put("en", new JsonObject().put("name", "Stripe test " + unique).put("description", "d")))
      .put("categoryIds", new JsonArray()).put("attributes", new JsonObject()).put("media", new JsonArray())
      .put("seo", new JsonObject().put("title", "t").put("description", "d"))
      .put("variants", new JsonArray().add(new JsonObject().put("sku", "STRIPE-" + unique).put("options", new JsonObject())
        .put("prices", new JsonArray().add(new JsonObject().put("amount", price).put("currency", "EUR")))
        .put("stockOnHand", stock)));
    var created = http.post("/api/v1/admin/products").bearerTokenAuthentication(shop.staffToken()).sendJsonObject(input)
      .await(30, TimeUnit.SECONDS);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return Shop.variantId(created.bodyAsJsonObject(), 0);
  }

  /** An order placed by a new guest: its id, X-Order-Token, intent and total. */
  public record Placed(String orderId, String token, String intentId, long total, JsonObject order) {
  }

  /** A new guest cart holding {@code quantity} of the variant; answers its token. */
  String guestCart(WebClient client, String variantId, int quantity) throws Exception {
    var added = client.post("/api/v1/cart/lines").sendJsonObject(new JsonObject().put("variantId", variantId).put("quantity", quantity))
      .await(30, TimeUnit.SECONDS);
    assertEquals(201, added.statusCode(), added.bodyAsString());
    return added.getHeader("X-Cart-Token");
  }

  static JsonObject placement(String email) {
    return new JsonObject().put("email", email)
      .put("shippingAddress", new JsonObject().put("name", "Ada Lovelace").put("line1", "Hauptstraße 1").put("postalCode", "10115")
        .put("city", "Berlin").put("country", "DE"))
      .put("shippingMethodId", DE_STANDARD);
  }

  Future<HttpResponse<Buffer>> placeAsync(WebClient client, String cartToken, String idempotencyKey) {
    return placeAsync(client, cartToken, idempotencyKey, placement("guest-" + UUID.randomUUID() + "@example.com"));
  }

  Future<HttpResponse<Buffer>> placeAsync(WebClient client, String cartToken, String idempotencyKey, JsonObject body) {
    return client.post("/api/v1/checkout/orders").putHeader("X-Cart-Token", cartToken).putHeader("Idempotency-Key", idempotencyKey)
      .sendJsonObject(body);
  }

  /** A guest orders {@code quantity} of the variant (cart, then the order with an idempotency key). */
  public Placed place(String variantId, int quantity) throws Exception {
    String cart = guestCart(http, variantId, quantity);
    var placed = placeAsync(http, cart, UUID.randomUUID().toString()).await(30, TimeUnit.SECONDS);
    assertEquals(201, placed.statusCode(), placed.bodyAsString());
    return placed(placed.bodyAsJsonObject());
  }

  static Placed placed(JsonObject body) {
    JsonObject order = body.getJsonObject("order");
    return new Placed(order.getString("id"), body.getString("accessToken"), order.getJsonObject("payment").getString("intentId"),
      order.getJsonObject("totals").getJsonObject("total").getLong("amount"), order);
  }

  /** Delivers a webhook as Stripe does: the raw body and its signature header. */
  Future<HttpResponse<Buffer>> deliverAsync(WebClient client, String payload, String signature) {
    var request = client.post("/webhooks/stripe").putHeader("Content-Type", "application/json; charset=utf-8");
    if (signature != null) {
      request.putHeader("Stripe-Signature", signature);
    }
    return request.sendBuffer(Buffer.buffer(payload));
  }

  HttpResponse<Buffer> deliver(String payload, String signature) throws Exception {
    return deliverAsync(http, payload, signature).await(30, TimeUnit.SECONDS);
  }

  /** Delivers {@code payload} signed now with the endpoint's secret; expects 2xx. */
  JsonObject deliver(String payload) throws Exception {
    var response = deliver(payload, stripe.sign(payload));
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  /** The order as its guest sees it. */
  JsonObject order(Placed placed) throws Exception {
    var r = http.get("/api/v1/orders/" + placed.orderId()).putHeader("X-Order-Token", placed.token()).send().await(30, TimeUnit.SECONDS);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  /** The shopper is back from paying. */
  JsonObject confirm(Placed placed) throws Exception {
    var r = confirmAsync(http, placed).await(30, TimeUnit.SECONDS);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  Future<HttpResponse<Buffer>> confirmAsync(WebClient client, Placed placed) {
    return client.post("/api/v1/orders/" + placed.orderId() + "/payment/confirm").putHeader("X-Order-Token", placed.token()).send();
  }

  /** The order with its timeline, as staff see it. */
  JsonObject detail(String orderId) throws Exception {
    var r = http.get("/api/v1/admin/orders/" + orderId).bearerTokenAuthentication(shop.staffToken()).send().await(30, TimeUnit.SECONDS);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  /** The types of the order's timeline entries, in order. */
  List<String> timeline(String orderId) throws Exception {
    var types = new ArrayList<String>();
    detail(orderId).getJsonArray("timeline").forEach(e -> types.add(((JsonObject) e).getString("type")));
    return types;
  }

  /** A connection to the engine's own database (to look at what HTTP does not show, e.g. provider events). */
  Connection db() throws SQLException {
    var jdbc = io.kinetic.kernel.pg.PgPools.jdbc(pgUrl);
    return DriverManager.getConnection(jdbc.url(), jdbc.user(), jdbc.password());
  }

  /** The first column of the first row of {@code sql} (with {@code args}) as a long. */
  long number(String sql, Object... args) throws SQLException {
    try (var c = db(); var s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  void execute(String sql, Object... args) throws SQLException {
    try (var c = db(); var s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      s.executeUpdate();
    }
  }
}
