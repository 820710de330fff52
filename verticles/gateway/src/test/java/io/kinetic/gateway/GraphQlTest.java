package io.kinetic.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.identity.IdentityApi;
import io.kinetic.kernel.contract.catalog.CategoryList;
import io.kinetic.kernel.contract.catalog.CategoryView;
import io.kinetic.kernel.contract.catalog.GetProduct;
import io.kinetic.kernel.contract.catalog.GetProductBySlug;
import io.kinetic.kernel.contract.catalog.ListCategories;
import io.kinetic.kernel.contract.catalog.ListProducts;
import io.kinetic.kernel.contract.catalog.ProductPage;
import io.kinetic.kernel.contract.catalog.ProductSort;
import io.kinetic.kernel.contract.identity.Login;
import io.kinetic.kernel.contract.identity.Tokens;
import io.kinetic.kernel.error.ErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The storefront GraphQL endpoint against a fake catalog and identity. */
class GraphQlTest {

  private static GatewayFixture gw;
  private static final UUID SHIRTS = UUID.randomUUID();
  private static final UUID LINEN = UUID.randomUUID();
  private static final UUID SUMMER = UUID.randomUUID();

  @BeforeAll
  static void start() throws Exception {
    gw = GatewayFixture.start(new JsonObject().put("graphql", new JsonObject().put("maxDepth", 4)));
    gw.bus.<GetProductBySlug>on(CatalogApi.GET_PRODUCT_BY_SLUG, q -> "missing".equals(q.slug())
      ? ErrorCode.PRODUCT_NOT_FOUND.failure("no product with slug missing")
      : Samples.view(UUID.randomUUID(), q.slug(), q.locale(), List.of(SHIRTS)));
    gw.bus.<GetProduct>on(CatalogApi.GET_PRODUCT, q -> ErrorCode.PRODUCT_NOT_FOUND.failure("no product " + q.id()));
    gw.bus.<ListProducts>on(CatalogApi.LIST_PRODUCTS, q -> new ProductPage(List.of(
      Samples.view(UUID.randomUUID(), "p-1", q.locale(), List.of(SHIRTS, LINEN)),
      Samples.view(UUID.randomUUID(), "p-2", q.locale(), List.of(LINEN)),
      Samples.view(UUID.randomUUID(), "p-3", q.locale(), List.of(SUMMER, SHIRTS))), "next-page"));
    gw.bus.<ListCategories>on(CatalogApi.LIST_CATEGORIES, q -> new CategoryList(q.ids().stream()
      .map(id -> new CategoryView(id, null, "c-" + id, id.equals(SHIRTS) ? "Shirts" : "Other", 0)).toList()));
    // the cart context's words for a quantity beyond its limit
    gw.bus.<io.kinetic.kernel.contract.cart.CreateCart>on(io.kinetic.kernel.contract.cart.CartApi.CREATE_CART,
      c -> io.kinetic.kernel.error.Failure.invalid("quantity", "must be between 1 and 99"));
    gw.bus.<Login>on(IdentityApi.LOGIN, login -> "right".equals(login.password())
      ? new Tokens("access", "refresh", "Bearer", 900)
      : ErrorCode.INVALID_CREDENTIALS.failure("wrong e-mail or password"));
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  private static JsonObject query(String query, JsonObject variables) throws Exception {
    var response = gw.graphql("/graphql", null, query, variables);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  @Test
  void productBySlugResolvesNestedFields() throws Exception {
    JsonObject result = query("query($s:String!){productBySlug(slug:$s, locale:\"de\"){slug name locale attributes createdAt "
      + "variants{sku options{key value} price(currency:\"USD\"){amount currency} prices{amount}} categories{name}}}",
      new JsonObject().put("s", "linen-shirt-42"));
    assertNull(result.getValue("errors"), result.encode());
    JsonObject product = result.getJsonObject("data").getJsonObject("productBySlug");
    assertEquals("linen-shirt-42", product.getString("slug"));
    assertEquals("de", product.getString("locale"));
    assertEquals("linen", product.getJsonObject("attributes").getString("material"));
    assertEquals("2026-11-21T10:00:00Z", product.getString("createdAt"));
    JsonObject variant = product.getJsonArray("variants").getJsonObject(0);
    assertEquals(4299, variant.getJsonObject("price").getInteger("amount"));
    assertTrue(variant.getJsonArray("options").contains(new JsonObject().put("key", "size").put("value", "M")));
    assertEquals("Shirts", product.getJsonArray("categories").getJsonObject(0).getString("name"));
    assertEquals("de", gw.bus.<GetProductBySlug>lastBody(CatalogApi.GET_PRODUCT_BY_SLUG).locale());
  }

  @Test
  void productsIsAConnectionOfSlimCards() throws Exception {
    // (the cards' prices and image, one level deeper than this fixture's depth limit: EngineEndToEndTest)
    JsonObject result = query("{products(first:3, sort:PRICE_DESC, filter:{minPrice:100, currency:\"USD\", "
      + "attributes:[{code:\"material\", value:\"linen\"}]})"
      + "{edges{cursor node{slug name available availability}} pageInfo{hasNextPage endCursor}}}", null);
    assertNull(result.getValue("errors"), result.encode());
    JsonObject products = result.getJsonObject("data").getJsonObject("products");
    JsonArray edges = products.getJsonArray("edges");
    assertEquals(3, edges.size());
    assertEquals("next-page", products.getJsonObject("pageInfo").getString("endCursor"));
    assertEquals(true, products.getJsonObject("pageInfo").getBoolean("hasNextPage"));
    assertEquals("next-page", edges.getJsonObject(2).getString("cursor"));
    JsonObject card = edges.getJsonObject(0).getJsonObject("node");
    assertEquals("p-1", card.getString("slug"));
    assertEquals("Linen shirt", card.getString("name"));
    assertEquals(true, card.getBoolean("available"));
    assertEquals("IN_STOCK", card.getString("availability"), "12 units: more than a few");

    ListProducts list = gw.bus.lastBody(CatalogApi.LIST_PRODUCTS);
    assertEquals(3, list.limit());
    assertEquals(ProductSort.PRICE_DESC, list.sort());
    assertEquals(100L, list.minPrice());
    assertEquals("USD", list.currency());
    assertEquals("linen", list.attributes().get("material"));

    JsonObject whole = query("{products{edges{node{description}}}}", null);
    assertEquals("VALIDATION_FAILED", whole.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code"),
      "a card has no description: " + whole.encode());
  }

  @Test
  void categoriesOfSeveralProductsComeFromOneBatchedCall() throws Exception {
    int before = gw.bus.count(CatalogApi.LIST_CATEGORIES);
    JsonObject result = query("{a:productBySlug(slug:\"a\"){categories{id name}} b:productBySlug(slug:\"b\"){categories{id name}} "
      + "c:productBySlug(slug:\"c\"){categories{name}}}", null);
    assertNull(result.getValue("errors"), result.encode());
    assertEquals("Shirts", result.getJsonObject("data").getJsonObject("c").getJsonArray("categories").getJsonObject(0).getString("name"));
    assertEquals(before + 1, gw.bus.count(CatalogApi.LIST_CATEGORIES), "one batched call for three products");
    ListCategories batch = gw.bus.lastBody(CatalogApi.LIST_CATEGORIES);
    assertEquals(List.of(SHIRTS), batch.ids(), "each category once");
  }

  @Test
  void aBusinessFailureIsAnErrorWithItsCode() throws Exception {
    JsonObject result = query("{product(id:\"" + UUID.randomUUID() + "\"){name}}", null);
    assertNull(result.getJsonObject("data").getValue("product"));
    JsonObject error = result.getJsonArray("errors").getJsonObject(0);
    assertEquals("PRODUCT_NOT_FOUND", error.getJsonObject("extensions").getString("code"));
    assertEquals(List.of("product"), error.getJsonArray("path").getList());

    JsonObject badId = query("{product(id:\"nope\"){name}}", null).getJsonArray("errors").getJsonObject(0);
    assertEquals("VALIDATION_FAILED", badId.getJsonObject("extensions").getString("code"));
    assertEquals("id: must be a UUID", badId.getString("message"));
  }

  /**
   * An argument out of range is said as REST says a parameter's ("first: must be an integer from 1
   * to 100"), never as graphql-java's "argument 'first' with value 'IntValue{value=99999999999}'...",
   * and a range from a context ("must be between 1 and 99") in the same words.
   */
  @Test
  void anArgumentOutOfRangeIsSaidAsRestSaysIt() throws Exception {
    for (String first : List.of("99999999999", "0", "101")) {
      JsonObject error = query("{products(first: " + first + "){edges{node{slug}}}}", null).getJsonArray("errors").getJsonObject(0);
      assertEquals("first: must be an integer from 1 to 100", error.getString("message"), first);
      assertEquals("VALIDATION_FAILED", error.getJsonObject("extensions").getString("code"));
      assertEquals("first", error.getJsonObject("extensions").getJsonArray("errors").getJsonObject(0).getString("field"));
    }
    JsonObject text = query("{products(first: \"x\"){edges{node{slug}}}}", null).getJsonArray("errors").getJsonObject(0);
    assertEquals("first: must be an integer from 1 to 100", text.getString("message"));
    JsonObject sort = query("{products(sort: BAD){edges{node{slug}}}}", null).getJsonArray("errors").getJsonObject(0);
    assertTrue(sort.getString("message").startsWith("sort: must be one of: NEWEST, "), sort.encode());
    JsonObject problem = query("mutation{addToCart(variantId:\"" + UUID.randomUUID() + "\", quantity: 100)"
      + "{... on Problem{code message errors{field message}}}}", null).getJsonObject("data").getJsonObject("addToCart");
    assertEquals("VALIDATION_FAILED", problem.getString("code"), problem.encode());
    assertEquals("quantity: must be an integer from 1 to 99", problem.getString("message"));
    assertEquals("must be an integer from 1 to 99", problem.getJsonArray("errors").getJsonObject(0).getString("message"));
  }

  /** A batch (a JSON array) or variables that are no object are refused saying so, not "the request is invalid". */
  @Test
  void aRequestOfAnotherShapeIsRefusedSayingWhatIsWrong() throws Exception {
    var batch = gw.send("POST", "/graphql", null, "[{\"query\":\"{__typename}\"}]");
    assertEquals(400, batch.statusCode());
    assertEquals("a request holds one operation: batches (JSON arrays) are not supported",
      GatewayFixture.problem(batch).getString("detail"));
    var variables = gw.send("POST", "/graphql", null, "{\"query\":\"{__typename}\",\"variables\":\"str\"}");
    assertEquals(400, variables.statusCode());
    assertEquals("VALIDATION_FAILED", GatewayFixture.problem(variables).getString("code"));
    assertEquals("variables: must be a JSON object", GatewayFixture.problem(variables).getString("detail"));
    var noQuery = gw.send("POST", "/graphql", null, "{}");
    assertEquals("query: is required (the GraphQL document, a string)", GatewayFixture.problem(noQuery).getString("detail"));
    var get = gw.get("/graphql?query=%7B__typename%7D&variables=5");
    assertEquals("variables: must be a JSON object", GatewayFixture.problem(get).getString("detail"));
    // null variables stay allowed
    var plain = gw.send("POST", "/graphql", null, "{\"query\":\"{__typename}\",\"variables\":null}");
    assertEquals(200, plain.statusCode(), plain.bodyAsString());
  }

  @Test
  void loginFailureIsAProblemResultAndSuccessTokens() throws Exception {
    String mutation = "mutation($p:String!){login(email:\"a@b.c\", password:$p){__typename "
      + "... on Tokens{accessToken tokenType} ... on Problem{code message}}}";
    JsonObject failed = query(mutation, new JsonObject().put("p", "wrong")).getJsonObject("data").getJsonObject("login");
    assertEquals("Problem", failed.getString("__typename"));
    assertEquals("INVALID_CREDENTIALS", failed.getString("code"));
    JsonObject ok = query(mutation, new JsonObject().put("p", "right")).getJsonObject("data").getJsonObject("login");
    assertEquals("Tokens", ok.getString("__typename"));
    assertEquals("access", ok.getString("accessToken"));
    assertEquals("127.0.0.1", gw.bus.<Login>lastBody(IdentityApi.LOGIN).clientIp());
  }

  @Test
  void meWithoutACustomerTokenIsUnauthenticated() throws Exception {
    JsonObject result = query("{me{email}}", null);
    assertEquals("UNAUTHENTICATED", result.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code"));
    var badToken = gw.graphql("/graphql", "garbage", "{me{email}}", null);
    assertEquals(401, badToken.statusCode());
  }

  @Test
  void tooDeepQueriesAreRejectedBeforeFetching() throws Exception {
    int before = gw.bus.count(CatalogApi.LIST_PRODUCTS);
    JsonObject result = query("{products{edges{node{priceMin{amount}}}}}", null);
    JsonObject error = result.getJsonArray("errors").getJsonObject(0);
    assertEquals("QUERY_TOO_COMPLEX", error.getJsonObject("extensions").getString("code"), result.encode());
    assertEquals(before, gw.bus.count(CatalogApi.LIST_PRODUCTS));
  }

  @Test
  void invalidQueriesCarryACodeToo() throws Exception {
    JsonObject unknownField = query("{products{edges{node{colour}}}}", null);
    assertEquals("VALIDATION_FAILED", unknownField.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code"));
    JsonObject syntax = query("{products{", null);
    assertEquals("VALIDATION_FAILED", syntax.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code"));
    JsonObject page = query("{products(first:500){edges{cursor}}}", null);
    JsonObject error = page.getJsonArray("errors").getJsonObject(0);
    assertEquals("VALIDATION_FAILED", error.getJsonObject("extensions").getString("code"));
    assertEquals("first", error.getJsonObject("extensions").getJsonArray("errors").getJsonObject(0).getString("field"));
  }
}
