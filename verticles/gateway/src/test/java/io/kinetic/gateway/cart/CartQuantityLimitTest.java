package io.kinetic.gateway.cart;

import static io.kinetic.gateway.GatewayFixture.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kinetic.gateway.GatewayFixture;
import io.kinetic.gateway.openapi.ContractLoader;
import io.kinetic.kernel.contract.cart.AddCartLine;
import io.kinetic.kernel.contract.cart.CartApi;
import io.kinetic.kernel.contract.cart.CartView;
import io.kinetic.kernel.contract.cart.SetCartLineQuantity;
import io.kinetic.kernel.money.Money;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract states the shop's own line maximum ({@code cart.maxLineQuantity}, 5 here): the
 * served contract says it, a quantity at it reaches the cart, one beyond it is refused at the edge
 * naming {@code quantity} and the limit. Before, the contract said 10,000 whatever the shop's limit.
 */
class CartQuantityLimitTest {

  private static GatewayFixture gw;
  private static String customer;

  @BeforeAll
  static void start() throws Exception {
    gw = GatewayFixture.start(new JsonObject().put("cart", new JsonObject().put("maxLineQuantity", 5)));
    customer = gw.customerToken(UUID.randomUUID());
    gw.bus.<AddCartLine>on(CartApi.ADD_LINE, a -> cart(a.ref().customerId()));
    gw.bus.<SetCartLineQuantity>on(CartApi.SET_LINE_QUANTITY, s -> cart(s.ref().customerId()));
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  @Test
  void theServedContractSaysTheShopsLineMaximum() throws Exception {
    JsonObject schemas = ContractLoader.parse(gw.get("/api/v1/openapi.yaml").body()).getJsonObject("components").getJsonObject("schemas");
    JsonObject quantity = schemas.getJsonObject("NewCartLine").getJsonObject("properties").getJsonObject("quantity");
    if (quantity.containsKey("$ref")) {
      quantity = schemas.getJsonObject(quantity.getString("$ref").substring("#/components/schemas/".length()));
    }
    assertEquals(5, quantity.getInteger("maximum"));
    assertEquals(null, quantity.getValue("x-maximum"), "the key is said in the description");
  }

  @Test
  void aQuantityBeyondItIsRefusedAtTheEdgeNamingTheLimit() throws Exception {
    String variant = UUID.randomUUID().toString();
    int adds = gw.bus.count(CartApi.ADD_LINE);
    assertEquals(200, gw.send("POST", "/api/v1/cart/lines", customer, line(variant, 5)).statusCode());
    assertEquals(adds + 1, gw.bus.count(CartApi.ADD_LINE));
    assertAtMost5(gw.send("POST", "/api/v1/cart/lines", customer, line(variant, 6)));
    assertEquals(adds + 1, gw.bus.count(CartApi.ADD_LINE), "refused before the cart");

    assertEquals(200, gw.send("PATCH", "/api/v1/cart/lines/" + variant, customer, "{\"quantity\":5}").statusCode());
    assertAtMost5(gw.send("PATCH", "/api/v1/cart/lines/" + variant, customer, "{\"quantity\":6}"));
    var none = gw.send("PATCH", "/api/v1/cart/lines/" + variant, customer, "{\"quantity\":0}");
    assertEquals("must be an integer from 1 to 5", problem(none).getJsonArray("errors").getJsonObject(0).getString("message"), none.bodyAsString());
  }

  private static void assertAtMost5(io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> response) {
    assertEquals(400, response.statusCode(), response.bodyAsString());
    JsonObject problem = problem(response);
    assertEquals("VALIDATION_FAILED", problem.getString("code"));
    assertEquals(1, problem.getJsonArray("errors").size(), problem.encode());
    assertEquals("quantity", problem.getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals("must be an integer from 1 to 5", problem.getJsonArray("errors").getJsonObject(0).getString("message"));
  }

  private static String line(String variant, int quantity) {
    return new JsonObject().put("variantId", variant).put("quantity", quantity).encode();
  }

  private static CartView cart(UUID customer) {
    Instant now = Instant.now();
    return new CartView(UUID.randomUUID(), null, customer, "EUR", List.of(), 0, Money.of(0, "EUR"), false, null,
      now.plusSeconds(3600), now, 1);
  }
}
