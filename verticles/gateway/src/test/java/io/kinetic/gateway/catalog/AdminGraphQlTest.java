package io.kinetic.gateway.catalog;

import static io.kinetic.gateway.GatewayFixture.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.kinetic.gateway.GatewayFixture;
import io.kinetic.gateway.Samples;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.Category;
import io.kinetic.kernel.contract.catalog.CreateProduct;
import io.kinetic.kernel.contract.catalog.DeleteCategory;
import io.kinetic.kernel.contract.catalog.SaveCategory;
import io.kinetic.kernel.contract.catalog.SetStock;
import io.kinetic.kernel.error.ErrorCode;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /admin/graphql: staff token at the HTTP level, roles per field, Problem results for expected failures. */
class AdminGraphQlTest {

  private static final String CREATE = """
    mutation($input: ProductInput!) { createProduct(input: $input) {
      __typename ... on AdminProduct { id slug status version translations { locale name } variants { sku stockOnHand } }
      ... on Problem { code errors { field message } } } }""";

  private static GatewayFixture gw;
  private static final UUID STAFF = UUID.randomUUID();

  @BeforeAll
  static void start() throws Exception {
    gw = GatewayFixture.start();
    gw.bus.<CreateProduct>on(CatalogApi.CREATE_PRODUCT, c -> "taken".equals(c.input().slug())
      ? ErrorCode.SLUG_TAKEN.failure("slug taken") : Samples.product(UUID.randomUUID(), c.input().slug(), 1));
    gw.bus.<SetStock>on(CatalogApi.SET_STOCK, s -> Samples.product(UUID.randomUUID(), "s", 2));
    gw.bus.<SaveCategory>on(CatalogApi.SAVE_CATEGORY, s -> new Category(UUID.randomUUID(), s.input().parentId(),
      s.input().slug(), s.input().names(), 0));
    gw.bus.<DeleteCategory>on(CatalogApi.DELETE_CATEGORY, d -> ErrorCode.CATEGORY_NOT_EMPTY.failure("has children"));
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  private static JsonObject input(String slug) {
    return new JsonObject().put("input", new JsonObject().put("slug", slug).put("status", "DRAFT")
      .put("translations", new io.vertx.core.json.JsonArray().add(new JsonObject().put("locale", "en").put("name", "Tee")))
      .put("categoryIds", new io.vertx.core.json.JsonArray())
      .put("attributes", new JsonObject().put("material", "cotton"))
      .put("variants", new io.vertx.core.json.JsonArray().add(new JsonObject().put("sku", "T-1")
        .put("options", new io.vertx.core.json.JsonArray().add(new JsonObject().put("key", "size").put("value", "M")))
        .put("prices", new io.vertx.core.json.JsonArray().add(new JsonObject().put("amount", 1500).put("currency", "EUR"))))));
  }

  @Test
  void theAdminEndpointNeedsAStaffToken() throws Exception {
    var anonymous = gw.graphql("/admin/graphql", null, "{me{email}}", null);
    assertEquals(401, anonymous.statusCode());
    assertEquals("UNAUTHENTICATED", problem(anonymous).getString("code"));
    assertEquals(403, gw.graphql("/admin/graphql", gw.customerToken(UUID.randomUUID()), "{me{email}}", null).statusCode());
  }

  @Test
  void createProductMapsTheInputAndAnswersTheProduct() throws Exception {
    var response = gw.graphql("/admin/graphql", gw.staffToken(STAFF, "catalog"), CREATE, input("tee-1"));
    assertEquals(200, response.statusCode());
    JsonObject result = response.bodyAsJsonObject();
    assertNull(result.getValue("errors"), result.encode());
    JsonObject product = result.getJsonObject("data").getJsonObject("createProduct");
    assertEquals("AdminProduct", product.getString("__typename"));
    assertEquals("tee-1", product.getString("slug"));
    assertEquals("en", product.getJsonArray("translations").getJsonObject(0).getString("locale"));
    CreateProduct sent = gw.bus.lastBody(CatalogApi.CREATE_PRODUCT);
    assertEquals("Tee", sent.input().translations().get("en").name());
    assertEquals("M", sent.input().variants().get(0).options().get("size"));
    assertEquals(1500, sent.input().variants().get(0).prices().get(0).amount());
    assertEquals("cotton", sent.input().attributes().get("material"));
  }

  @Test
  void expectedFailuresAreProblemsWithTheirCode() throws Exception {
    String token = gw.staffToken(STAFF, "admin");
    JsonObject taken = gw.graphql("/admin/graphql", token, CREATE, input("taken")).bodyAsJsonObject()
      .getJsonObject("data").getJsonObject("createProduct");
    assertEquals("Problem", taken.getString("__typename"));
    assertEquals("SLUG_TAKEN", taken.getString("code"));

    JsonObject negative = gw.graphql("/admin/graphql", token,
      "mutation{setStock(sku:\"T-1\", onHand:-3){... on Problem{code errors{field}}}}", null).bodyAsJsonObject()
      .getJsonObject("data").getJsonObject("setStock");
    assertEquals("VALIDATION_FAILED", negative.getString("code"));
    assertEquals("onHand", negative.getJsonArray("errors").getJsonObject(0).getString("field"));

    JsonObject notEmpty = gw.graphql("/admin/graphql", token,
      "mutation($id:ID!){deleteCategory(id:$id){__typename ... on Problem{code}}}", new JsonObject().put("id", UUID.randomUUID().toString()))
      .bodyAsJsonObject().getJsonObject("data").getJsonObject("deleteCategory");
    assertEquals("CATEGORY_NOT_EMPTY", notEmpty.getString("code"));
  }

  /** A locale or option key twice is refused, as REST refuses a duplicate key (the last one silently won: a probe finding). */
  @Test
  void aKeyGivenTwiceIsRefused() throws Exception {
    String token = gw.staffToken(STAFF, "catalog");
    int created = gw.bus.count(CatalogApi.CREATE_PRODUCT);
    var twoEnglish = input("tee-dup-1");
    twoEnglish.getJsonObject("input").getJsonArray("translations").add(new JsonObject().put("locale", "en").put("name", "Dup"));
    var twoSizes = input("tee-dup-2");
    twoSizes.getJsonObject("input").getJsonArray("variants").getJsonObject(0).getJsonArray("options")
      .add(new JsonObject().put("key", "size").put("value", "L"));
    for (var pair : java.util.Map.of("input.translations[1].locale", twoEnglish, "input.variants[0].options[1].key", twoSizes).entrySet()) {
      JsonObject problem = gw.graphql("/admin/graphql", token, CREATE, pair.getValue()).bodyAsJsonObject()
        .getJsonObject("data").getJsonObject("createProduct");
      assertEquals("VALIDATION_FAILED", problem.getString("code"), problem.encode());
      assertEquals(pair.getKey(), problem.getJsonArray("errors").getJsonObject(0).getString("field"), problem.encode());
    }
    assertEquals(created, gw.bus.count(CatalogApi.CREATE_PRODUCT), "nothing reached the catalog");

    // what REST's contract refuses in a path or a query is refused here too (not VARIANT_NOT_FOUND, not every product)
    JsonObject price = gw.graphql("/admin/graphql", token, "mutation { setPrice(sku: \"a b\", currency: \"EUR\", amount: 100) {"
      + " __typename ... on Problem { code errors { field message } } } }", null).bodyAsJsonObject().getJsonObject("data").getJsonObject("setPrice");
    assertEquals("VALIDATION_FAILED", price.getString("code"), price.encode());
    assertEquals("must hold only letters, digits, '.', '_' and '-'", price.getJsonArray("errors").getJsonObject(0).getString("message"));
    JsonObject list = gw.graphql("/admin/graphql", token, "{ adminProducts(filter: {query: \"\"}) { edges { cursor } } }", null)
      .bodyAsJsonObject();
    assertEquals("VALIDATION_FAILED", list.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code"), list.encode());
  }

  @Test
  void aStaffMemberWithoutTheCatalogRoleIsForbidden() throws Exception {
    var response = gw.graphql("/admin/graphql", gw.staffToken(STAFF, "fulfilment"), CREATE, input("tee-2"));
    assertEquals(200, response.statusCode());
    JsonObject error = response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0);
    assertEquals("FORBIDDEN", error.getJsonObject("extensions").getString("code"));
  }

  @Test
  void saveCategoryTakesLocalizedNames() throws Exception {
    var variables = new JsonObject().put("input", new JsonObject().put("slug", "shirts")
      .put("names", new io.vertx.core.json.JsonArray().add(new JsonObject().put("locale", "de").put("name", "Hemden"))));
    JsonObject category = gw.graphql("/admin/graphql", gw.staffToken(STAFF, "catalog"),
      "mutation($input:CategoryInput!){saveCategory(input:$input){... on CategoryDefinition{slug names{locale name}}}}", variables)
      .bodyAsJsonObject().getJsonObject("data").getJsonObject("saveCategory");
    assertEquals("Hemden", category.getJsonArray("names").getJsonObject(0).getString("name"));
    assertNull(gw.bus.<SaveCategory>lastBody(CatalogApi.SAVE_CATEGORY).id());
  }
}
