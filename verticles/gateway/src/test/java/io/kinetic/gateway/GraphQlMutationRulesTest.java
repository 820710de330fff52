package io.kinetic.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.identity.IdentityApi;
import io.kinetic.kernel.contract.catalog.SetStock;
import io.kinetic.kernel.contract.identity.Login;
import io.kinetic.kernel.contract.identity.Tokens;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Mutations only over POST, and one per storefront request: aliases cannot multiply password hashes. */
class GraphQlMutationRulesTest {

  private static final String LOGIN = "login(email:\"a@b.c\", password:\"pw\"){__typename}";
  private static GatewayFixture gw;

  @BeforeAll
  static void start() throws Exception {
    gw = GatewayFixture.start();
    gw.bus.<Login>on(IdentityApi.LOGIN, login -> new Tokens("access", "refresh", "Bearer", 900));
    gw.bus.<SetStock>on(CatalogApi.SET_STOCK, s -> Samples.product(UUID.randomUUID(), "s", 2));
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  private static String code(JsonObject result) {
    return result.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code");
  }

  @Test
  void aMutationOverGetIsRefusedBeforeItRuns() throws Exception {
    int before = gw.bus.count(IdentityApi.LOGIN);
    var shop = gw.get("/graphql?query=" + URLEncoder.encode("mutation{" + LOGIN + "}", StandardCharsets.UTF_8));
    assertEquals("METHOD_NOT_ALLOWED", code(shop.bodyAsJsonObject()), shop.bodyAsString());
    var admin = gw.get("/admin/graphql?query=" + URLEncoder.encode("mutation{setStock(sku:\"S-1\", onHand:1){__typename}}",
      StandardCharsets.UTF_8), gw.staffToken(UUID.randomUUID(), "admin"));
    assertEquals("METHOD_NOT_ALLOWED", code(admin.bodyAsJsonObject()), admin.bodyAsString());
    assertEquals(before, gw.bus.count(IdentityApi.LOGIN));
    assertEquals(0, gw.bus.count(CatalogApi.SET_STOCK));

    var query = gw.get("/graphql?query=" + URLEncoder.encode("{__typename}", StandardCharsets.UTF_8));
    assertNull(query.bodyAsJsonObject().getValue("errors"), "queries still work over GET");
  }

  /** A subscription has no single HTTP answer: it is refused with a typed error, never a 500. */
  @Test
  void aSubscriptionOverHttpIsRefusedWithATypedError() throws Exception {
    String subscription = "subscription{productChanged(id:\"" + UUID.randomUUID() + "\"){__typename}}";
    var post = gw.graphql("/graphql", null, subscription, null);
    assertEquals(200, post.statusCode(), post.bodyAsString());
    assertEquals("METHOD_NOT_ALLOWED", code(post.bodyAsJsonObject()), post.bodyAsString());
    var get = gw.get("/graphql?query=" + URLEncoder.encode(subscription, StandardCharsets.UTF_8));
    assertEquals(200, get.statusCode(), get.bodyAsString());
    assertEquals("METHOD_NOT_ALLOWED", code(get.bodyAsJsonObject()), get.bodyAsString());
  }

  @Test
  void aliasesCannotRunSeveralLoginsInOneRequest() throws Exception {
    int before = gw.bus.count(IdentityApi.LOGIN);
    var aliased = gw.graphql("/graphql", null, "mutation{a:" + LOGIN + " b:" + LOGIN + " ... on Mutation{c:" + LOGIN + "}}", null);
    assertEquals("QUERY_TOO_COMPLEX", code(aliased.bodyAsJsonObject()), aliased.bodyAsString());
    var spread = gw.graphql("/graphql", null, "mutation{a:" + LOGIN + " ...more} fragment more on Mutation{b:" + LOGIN + "}", null);
    assertEquals("QUERY_TOO_COMPLEX", code(spread.bodyAsJsonObject()), spread.bodyAsString());
    assertEquals(before, gw.bus.count(IdentityApi.LOGIN), "nothing ran");

    var one = gw.graphql("/graphql", null, "mutation{" + LOGIN + "}", null).bodyAsJsonObject();
    assertEquals("Tokens", one.getJsonObject("data").getJsonObject("login").getString("__typename"), one.encode());
  }

  @Test
  void staffMayStillBatchCatalogMutations() throws Exception {
    String set = "setStock(sku:\"S-1\", onHand:1){__typename}";
    var result = gw.graphql("/admin/graphql", gw.staffToken(UUID.randomUUID(), "catalog"), "mutation{a:" + set + " b:" + set + "}", null)
      .bodyAsJsonObject();
    assertNull(result.getValue("errors"), result.encode());
    assertEquals(2, gw.bus.count(CatalogApi.SET_STOCK));
  }
}
