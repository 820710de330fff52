package io.kinetic.gateway.edge;

import static io.kinetic.gateway.GatewayFixture.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.gateway.Edges;
import io.kinetic.gateway.GatewayFixture;
import io.kinetic.gateway.subscriptions.GraphQlWsClient;
import io.kinetic.gateway.subscriptions.LiveStats;
import io.kinetic.kernel.testing.Eventually;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What adding a context's edge takes: an {@link Edge} with its fragments, listed with the others.
 * Its operations join the served contract (and are validated and access-checked by it), its
 * fields join both GraphQL schemas (with their {@code @auth} and result unions), its DataLoader
 * is made only for executions that select its field, and its subscription field follows bus
 * events over the WebSocket.
 */
class NewEdgeTest {

  private static GatewayFixture gw;

  @BeforeAll
  static void start() throws Exception {
    var edges = new ArrayList<>(Edges.ALL);
    edges.add(new GreetingEdge());
    gw = GatewayFixture.start(new JsonObject(), List.copyOf(edges));
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  @Test
  void itsOperationsAreInTheServedContractValidatedAndGuardedByIt() throws Exception {
    String contract = gw.get("/api/v1/openapi.yaml").bodyAsString();
    assertTrue(contract.contains("/api/v1/greetings/{name}") && contract.contains("GreetingName"), contract);
    assertTrue(contract.contains("/api/v1/products/by-slug/{slug}"), "the other edges' operations stay");

    var greeting = gw.get("/api/v1/greetings/ada");
    assertEquals(200, greeting.statusCode(), greeting.bodyAsString());
    assertEquals("Hello ada", greeting.bodyAsJsonObject().getString("text"));
    assertEquals("VALIDATION_FAILED", problem(gw.get("/api/v1/greetings/ADA")).getString("code"));

    assertEquals(401, gw.get("/api/v1/admin/greetings").statusCode());
    assertEquals(403, gw.get("/api/v1/admin/greetings", gw.staffToken(UUID.randomUUID(), "catalog")).statusCode());
    var count = gw.get("/api/v1/admin/greetings", gw.staffToken(UUID.randomUUID(), "admin"));
    assertEquals(200, count.statusCode(), count.bodyAsString());
  }

  @Test
  void itsFieldsJoinBothSchemasWithTheirAccessRules() throws Exception {
    JsonObject shop = gw.graphql("/graphql", null, "{greeting(name:\"ada\"){text} __typename}", null)
      .bodyAsJsonObject();
    assertEquals("Hello ada", shop.getJsonObject("data").getJsonObject("greeting").getString("text"), shop.encode());

    JsonObject anonymous = gw.graphql("/graphql", null, "{secret}", null).bodyAsJsonObject();
    assertEquals("UNAUTHENTICATED", code(anonymous));
    UUID customer = UUID.randomUUID();
    JsonObject secret = gw.graphql("/graphql", gw.customerToken(customer), "{secret}", null).bodyAsJsonObject();
    assertEquals("for customer:" + customer, secret.getJsonObject("data").getString("secret"), secret.encode());

    String staff = gw.staffToken(UUID.randomUUID(), "catalog");
    assertEquals("FORBIDDEN", code(gw.graphql("/admin/graphql", staff, "{greetingCount}", null).bodyAsJsonObject()));
    JsonObject greeted = gw.graphql("/admin/graphql", staff,
      "mutation{a:greet(name:\"ada\"){__typename ... on Greeting{text}} b:greet(name:\"\"){__typename ... on Problem{code}}}", null)
      .bodyAsJsonObject().getJsonObject("data");
    assertEquals("Greeting", greeted.getJsonObject("a").getString("__typename"));
    assertEquals("Hello ada", greeted.getJsonObject("a").getString("text"));
    assertEquals("Problem", greeted.getJsonObject("b").getString("__typename"));
    assertEquals("VALIDATION_FAILED", greeted.getJsonObject("b").getString("code"));
  }

  @Test
  void itsDataLoaderIsMadeOnlyForDocumentsThatSelectItsField() throws Exception {
    int loaders = GreetingEdge.LOADERS.get();
    query("{greeting(name:\"ada\"){text}}");
    query("{greeting(name:\"ada\"){text}}");
    assertEquals(loaders, GreetingEdge.LOADERS.get(), "no loader without Greeting.shout");

    JsonObject data = query("{a:greeting(name:\"ada\"){...Loud again:shout} b:greeting(name:\"bob\"){... on Greeting{shout}}} "
      + "fragment Loud on Greeting{shout}");
    assertEquals("HELLO ADA!", data.getJsonObject("a").getString("shout"));
    assertEquals("HELLO ADA!", data.getJsonObject("a").getString("again"));
    assertEquals("HELLO BOB!", data.getJsonObject("b").getString("shout"));
    assertEquals(loaders + 1, GreetingEdge.LOADERS.get(), "one loader for the whole request, found through fragments");
  }

  @Test
  void itsSubscriptionFieldFollowsBusEventsAndEachSubscriberGetsOnlyItsOwn() throws Exception {
    UUID ada = UUID.randomUUID();
    UUID bob = UUID.randomUUID();
    String subscription = "subscription { myGreetings { text shout } }";
    LiveStats stats = LiveStats.of(gw.vertx);
    try (var anonymous = GraphQlWsClient.connect(gw.vertx, gw.port).initAndAck(null);
         var adaSocket = GraphQlWsClient.connect(gw.vertx, gw.port).initAndAck(bearer(ada));
         var bobSocket = GraphQlWsClient.connect(gw.vertx, gw.port).initAndAck(bearer(bob))) {
      anonymous.subscribe("g", subscription, null);
      JsonObject refused = anonymous.expect("error", "g");
      assertEquals("UNAUTHENTICATED", refused.getJsonArray("payload").getJsonObject(0).getJsonObject("extensions").getString("code"));

      int before = stats.streams();
      adaSocket.subscribe("g", subscription, null);
      bobSocket.subscribe("g", subscription, null);
      Eventually.until("both listen", () -> stats.streams() == before + 2);
      int consumers = stats.consumers(GreetingEdge.GREETED);
      assertTrue(consumers >= 1 && consumers <= 2, "one consumer per gateway instance in use, not per subscription: " + consumers);

      gw.vertx.eventBus().publish(GreetingEdge.GREETED, new JsonObject().put("to", UUID.randomUUID().toString()).put("name", "eve"));
      gw.vertx.eventBus().publish(GreetingEdge.GREETED, new JsonObject().put("to", ada.toString()).put("name", "ada"));
      gw.vertx.eventBus().publish(GreetingEdge.GREETED, new JsonObject().put("to", bob.toString()).put("name", "bob"));
      JsonObject toAda = adaSocket.expect("next", "g").getJsonObject("payload").getJsonObject("data").getJsonObject("myGreetings");
      assertEquals("Hello ada", toAda.getString("text"));
      assertEquals("HELLO ADA!", toAda.getString("shout"), "its DataLoader works for each event");
      JsonObject toBob = bobSocket.expect("next", "g").getJsonObject("payload").getJsonObject("data").getJsonObject("myGreetings");
      assertEquals("Hello bob", toBob.getString("text"));
      assertNull(adaSocket.poll(Duration.ofMillis(300)), "eve's and bob's greetings are not ada's");
      assertNull(bobSocket.poll(Duration.ZERO));
    }
    Eventually.until("the consumer goes with the last subscription", () -> stats.consumers(GreetingEdge.GREETED) == 0);
  }

  private static JsonObject bearer(UUID customer) {
    return new JsonObject().put("authorization", "Bearer " + gw.customerToken(customer));
  }

  private static JsonObject query(String query) throws Exception {
    JsonObject body = gw.graphql("/graphql", null, query, null).bodyAsJsonObject();
    assertTrue(body.getJsonArray("errors") == null, body.encode());
    return body.getJsonObject("data");
  }

  private static String code(JsonObject body) {
    return body.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code");
  }
}
