package io.kinetic.gateway.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.gateway.GatewayFixture;
import io.kinetic.gateway.Samples;
import io.kinetic.kernel.auth.Jwt;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.CategoryList;
import io.kinetic.kernel.contract.catalog.GetProduct;
import io.kinetic.kernel.contract.catalog.ListCategories;
import io.kinetic.kernel.contract.identity.CustomerView;
import io.kinetic.kernel.contract.identity.GetCustomer;
import io.kinetic.kernel.contract.identity.IdentityApi;
import io.kinetic.kernel.testing.Eventually;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The graphql-transport-ws protocol and the endpoint's limits, on a gateway with small limits:
 * depth 3, 3 operations per connection, 2 s to send connection_init, 4 s of silence, 4 connections per
 * client address, 4 KiB messages.
 */
class GraphQlWsProtocolTest {

  private static final String STATE = "subscription($id: ID!) { productChanged(id: $id) { state } }";
  private static final int MAX_PER_CONNECTION = 3;
  private static final int MAX_PER_IP = 4;
  private static GatewayFixture gw;
  private static final UUID PRODUCT = UUID.randomUUID();
  private static final UUID CUSTOMER = UUID.randomUUID();

  @BeforeAll
  static void start() throws Exception {
    gw = GatewayFixture.start(new JsonObject().put("graphql", new JsonObject()
      .put("maxDepth", 3)
      .put("subscriptions", new JsonObject().put("maxPerConnection", MAX_PER_CONNECTION).put("initTimeoutSeconds", 2)
        .put("idleTimeoutSeconds", 4).put("maxConnectionsPerIp", MAX_PER_IP).put("maxMessageBytes", 4096))));
    gw.bus.<GetProduct>on(CatalogApi.GET_PRODUCT, q -> Samples.view(q.id(), "shirt", q.locale(), List.of()));
    gw.bus.<ListCategories>on(CatalogApi.LIST_CATEGORIES, q -> new CategoryList(List.of()));
    gw.bus.<GetCustomer>on(IdentityApi.GET_CUSTOMER, q -> new CustomerView(q.id(), "ada@example.com", "Ada", Samples.CREATED));
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  @Test
  void aForgedExpiredOrMalformedTokenInConnectionInitCloses4403() throws Exception {
    String valid = gw.customerToken(CUSTOMER);
    String[] parts = valid.split("\\.");
    String otherSubject = Base64.getUrlEncoder().withoutPadding().encodeToString(new JsonObject(new String(
      Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)).put("sub", UUID.randomUUID().toString()).encode()
      .getBytes(StandardCharsets.UTF_8));
    String forged = parts[0] + "." + otherSubject + "." + parts[2];
    for (String authorization : List.of("Bearer " + forged, "Bearer " + gw.expiredStaffToken(UUID.randomUUID()),
      "Basic " + valid, "Bearer not-a-jwt")) {
      try (var client = GraphQlWsClient.connect(gw.vertx, gw.port)) {
        client.init(new JsonObject().put("authorization", authorization));
        assertEquals(4403, client.closeCode(), authorization);
        assertNull(client.poll(Duration.ZERO), "no connection_ack");
      }
    }
  }

  @Test
  void subscribeBeforeTheConnectionIsAcknowledgedCloses4401() throws Exception {
    try (var client = GraphQlWsClient.connect(gw.vertx, gw.port)) {
      client.subscribe("1", "{ __typename }", null);
      assertEquals(4401, client.closeCode());
    }
  }

  @Test
  void withoutConnectionInitTheConnectionClosesAfterTheInitTimeout4408() throws Exception {
    try (var client = GraphQlWsClient.connect(gw.vertx, gw.port)) {
      client.send(new JsonObject().put("type", "ping"));
      assertEquals("pong", client.next().getString("type"), "pings are answered before the init too");
      long started = System.nanoTime();
      assertEquals(4408, client.closeCode());
      assertTrue((System.nanoTime() - started) / 1_000_000 < 8_000);
      assertTrue(client.closeReason().contains("initialisation timeout"), client.closeReason());
    }
  }

  @Test
  void aSecondConnectionInitCloses4429() throws Exception {
    try (var client = GraphQlWsClient.connect(gw.vertx, gw.port).initAndAck(null)) {
      client.init(null);
      assertEquals(4429, client.closeCode());
    }
  }

  @Test
  void aSilentClientIsPingedThenClosed() throws Exception {
    try (var client = GraphQlWsClient.connect(gw.vertx, gw.port).initAndAck(null).answerPings(false)) {
      assertEquals(4408, client.closeCode(Duration.ofSeconds(10)));
      assertTrue(client.closeReason().startsWith("Idle timeout"), client.closeReason());
      assertTrue(client.pingsSeen() >= 1, "the server pinged before giving up");
    }
    try (var client = GraphQlWsClient.connect(gw.vertx, gw.port).initAndAck(null)) {
      Thread.sleep(5_000);
      assertFalse(client.isClosed(), "a client that answers the pings stays connected");
    }
  }

  @Test
  void messagesOutsideTheProtocolClose4400() throws Exception {
    List<String> invalid = List.of("not json", "[]", "{\"type\":\"next\",\"id\":\"1\"}", "{\"type\":42}",
      "{\"type\":\"connection_init\",\"payload\":\"x\"}", "{\"type\":\"connection_init\",\"payload\":{\"cartToken\":7}}");
    for (String text : invalid) {
      try (var client = GraphQlWsClient.connect(gw.vertx, gw.port)) {
        client.sendText(text);
        assertEquals(4400, client.closeCode(), text);
      }
    }
    try (var client = GraphQlWsClient.connect(gw.vertx, gw.port).initAndAck(null)) {
      client.send(new JsonObject().put("type", "subscribe").put("id", "1").put("payload", new JsonObject()));
      assertEquals(4400, client.closeCode(), "a subscribe without a query");
    }
  }

  @Test
  void anOperationIdAlreadyRunningCloses4409() throws Exception {
    try (var client = GraphQlWsClient.connect(gw.vertx, gw.port).initAndAck(null)) {
      client.subscribe("same", STATE, new JsonObject().put("id", PRODUCT.toString()));
      client.subscribe("same", STATE, new JsonObject().put("id", PRODUCT.toString()));
      assertEquals(4409, client.closeCode());
    }
  }

  @Test
  void operationsBeyondThePerConnectionLimitAreRefusedWithAnError() throws Exception {
    try (var client = GraphQlWsClient.connect(gw.vertx, gw.port).initAndAck(null)) {
      int before = LiveStats.of(gw.vertx).streams();
      for (int i = 0; i < MAX_PER_CONNECTION; i++) {
        client.subscribe("s" + i, STATE, new JsonObject().put("id", PRODUCT.toString()));
      }
      Eventually.until("all three listen", () -> LiveStats.of(gw.vertx).streams() == before + MAX_PER_CONNECTION);
      client.subscribe("one-too-many", STATE, new JsonObject().put("id", PRODUCT.toString()));
      JsonObject refused = client.expect("error", "one-too-many");
      assertEquals("RATE_LIMITED", code(refused));

      client.complete("s0");
      Eventually.until("s0 ended", () -> LiveStats.of(gw.vertx).streams() == before + MAX_PER_CONNECTION - 1);
      client.subscribe("one-more", STATE, new JsonObject().put("id", PRODUCT.toString()));
      Eventually.until("it runs", () -> LiveStats.of(gw.vertx).streams() == before + MAX_PER_CONNECTION);
      assertNull(client.poll(Duration.ofMillis(200)));
      assertFalse(client.isClosed());
    }
  }

  @Test
  void aClientThatDoesNotSpeakTheSubProtocolIsClosed4406() throws Exception {
    try (var client = GraphQlWsClient.connect(gw.vertx, gw.port, options -> options.setSubProtocols(new ArrayList<>()))) {
      assertEquals(4406, client.closeCode());
    }
  }

  @Test
  void connectionsPerClientAddressAreLimited() throws Exception {
    LiveStats stats = LiveStats.of(gw.vertx);
    Eventually.until("the other tests' connections are gone", () -> stats.connections() == 0);
    var open = new ArrayList<GraphQlWsClient>();
    try {
      for (int i = 0; i < MAX_PER_IP; i++) {
        open.add(GraphQlWsClient.connect(gw.vertx, gw.port).initAndAck(null));
      }
      Throwable refused = GraphQlWsClient.attempt(gw.vertx, gw.port, options -> { }).map(c -> (Throwable) null)
        .recover(io.vertx.core.Future::succeededFuture).await();
      UpgradeRejectedException rejected = assertInstanceOf(UpgradeRejectedException.class, refused);
      assertEquals(429, rejected.getStatus());
      assertNotNull(rejected.getHeaders().get("Retry-After"));
      assertEquals("RATE_LIMITED", new JsonObject(rejected.getBody()).getString("code"));

      open.remove(0).close();
      Eventually.until("the slot is given back", () -> stats.connections() == MAX_PER_IP - 1);
      open.add(GraphQlWsClient.connect(gw.vertx, gw.port).initAndAck(null));
    } finally {
      for (GraphQlWsClient client : open) {
        client.close();
      }
    }
  }

  @Test
  void queriesRunOverTheSocketUnderTheSameLimitsAndMutationsAreRefused() throws Exception {
    try (var client = GraphQlWsClient.connect(gw.vertx, gw.port).initAndAck(null)) {
      client.subscribe("q", "query($id: ID!) { product(id: $id) { id name } }", new JsonObject().put("id", PRODUCT.toString()));
      JsonObject next = client.expect("next", "q");
      assertEquals("Linen shirt", next.getJsonObject("payload").getJsonObject("data").getJsonObject("product").getString("name"));
      client.expect("complete", "q");

      client.subscribe("deep", "query($id: ID!) { product(id: $id) { variants { price(currency: \"EUR\") { amount } } } }",
        new JsonObject().put("id", PRODUCT.toString()));
      assertEquals("QUERY_TOO_COMPLEX", code(client.expect("error", "deep")), "depth 3 at most");
      client.subscribe("too-deep", "subscription($id: ID!) { productChanged(id: $id) { product { variants { sku } } } }",
        new JsonObject().put("id", PRODUCT.toString()));
      assertEquals("QUERY_TOO_COMPLEX", code(client.expect("error", "too-deep")), "for subscriptions too");

      client.subscribe("m", "mutation { logout(refreshToken: \"r\") { __typename } }", null);
      assertEquals("METHOD_NOT_ALLOWED", code(client.expect("error", "m")));

      client.subscribe("invalid", "subscription { nope }", null);
      assertEquals("VALIDATION_FAILED", code(client.expect("error", "invalid")));

      client.subscribe("control", STATE, new JsonObject().put("id", "\u0001"));
      assertEquals("VALIDATION_FAILED", code(client.expect("error", "control")), "no control characters in variables");
    }
  }

  @Test
  void theConnectionInitTokenIsThePrincipalOfAuthFieldsAndItsExpiryClosesTheConnection() throws Exception {
    try (var client = GraphQlWsClient.connect(gw.vertx, gw.port).initAndAck(null)) {
      client.subscribe("me", "{ me { email } }", null);
      assertEquals("UNAUTHENTICATED", code(client.expect("next", "me")), "no token: anonymous");
      client.expect("complete", "me");
    }
    var claims = new JsonObject().put(Jwt.REALM, "CUSTOMER").put(Jwt.ROLES, new JsonArray());
    JWTOptions shortLived = Jwt.signing(gw.config.auth(), CUSTOMER.toString()).setExpiresInSeconds(4);
    String token = Jwt.auth(gw.vertx, gw.config.auth()).generateToken(claims, shortLived);
    try (var client = GraphQlWsClient.connect(gw.vertx, gw.port)
      .initAndAck(new JsonObject().put("authorization", "Bearer " + token).put("cartToken", "guest-cart-token"))) {
      client.subscribe("me", "{ me { id email } }", null);
      JsonObject me = client.expect("next", "me").getJsonObject("payload").getJsonObject("data").getJsonObject("me");
      assertEquals(CUSTOMER.toString(), me.getString("id"));
      client.expect("complete", "me");
      assertEquals(CUSTOMER, ((GetCustomer) gw.bus.lastBody(IdentityApi.GET_CUSTOMER)).id());
      assertEquals(4403, client.closeCode(Duration.ofSeconds(10)), "closed when the token expires");
      assertTrue(client.closeReason().contains("expired"), client.closeReason());
    }
  }

  @Test
  void aBearerTokenOnTheUpgradeRequestIsVerifiedThere() throws Exception {
    var refused = GraphQlWsClient.attempt(gw.vertx, gw.port, options -> options.putHeader("Authorization", "Bearer forged"))
      .map(c -> (Throwable) null).recover(io.vertx.core.Future::succeededFuture).await();
    assertEquals(401, assertInstanceOf(UpgradeRejectedException.class, refused).getStatus());
    String token = gw.customerToken(CUSTOMER);
    try (var client = GraphQlWsClient.connect(gw.vertx, gw.port, options -> options.putHeader("Authorization", "Bearer " + token))
      .initAndAck(null)) {
      client.subscribe("me", "{ me { id } }", null);
      assertEquals(CUSTOMER.toString(),
        client.expect("next", "me").getJsonObject("payload").getJsonObject("data").getJsonObject("me").getString("id"));
    }
  }

  @Test
  void aMessageOverTheSizeLimitClosesTheConnection() throws Exception {
    try (var client = GraphQlWsClient.connect(gw.vertx, gw.port).initAndAck(null)) {
      client.subscribe("big", "{ __typename " + " ".repeat(8_000) + "}", null);
      short code = client.closeCode();
      assertEquals(1009, code, "message too big");
    }
  }

  private static String code(JsonObject message) {
    Object payload = message.getValue("payload");
    JsonObject error = payload instanceof JsonArray errors ? errors.getJsonObject(0)
      : ((JsonObject) payload).getJsonArray("errors").getJsonObject(0);
    return error.getJsonObject("extensions").getString("code");
  }
}
