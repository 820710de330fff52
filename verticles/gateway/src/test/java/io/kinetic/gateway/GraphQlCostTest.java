package io.kinetic.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import graphql.introspection.IntrospectionQuery;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.CategoryList;
import io.kinetic.kernel.contract.catalog.CategoryView;
import io.kinetic.kernel.contract.catalog.GetProductBySlug;
import io.kinetic.kernel.contract.catalog.ListCategories;
import io.kinetic.kernel.contract.catalog.ListProducts;
import io.kinetic.kernel.contract.catalog.ProductPage;
import io.kinetic.kernel.contract.catalog.ProductView;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Evil GraphQL queries, as a black-box probe sent them: each is refused with QUERY_TOO_COMPLEX
 * before any data is fetched, quickly (timings are loose: the machine is shared), and while they
 * are refused other requests are still answered. Introspection is off by default.
 */
class GraphQlCostTest {

  /** Far above the few milliseconds a refusal takes, far below the seconds an unbounded query took. */
  private static final long QUICK_MILLIS = 1_000;
  private static GatewayFixture gw;

  @BeforeAll
  static void start() throws Exception {
    gw = GatewayFixture.start(new JsonObject().put("graphql", new JsonObject().put("maxResponseBytes", 200_000)));
    gw.bus.<GetProductBySlug>on(CatalogApi.GET_PRODUCT_BY_SLUG,
      q -> Samples.view(UUID.randomUUID(), q.slug(), q.locale(), List.of()));
    gw.bus.<ListCategories>on(CatalogApi.LIST_CATEGORIES, q -> new CategoryList(IntStream.range(0, 30)
      .mapToObj(i -> new CategoryView(UUID.randomUUID(), null, "category-" + i, "Category " + i, i)).toList()));
    gw.bus.<ListProducts>on(CatalogApi.LIST_PRODUCTS, q -> new ProductPage(IntStream.range(0, q.limit())
      .mapToObj(i -> bigView(i, q.locale())).toList(), null));
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  /** A product whose name (and so its card) is 10 KB. */
  private static ProductView bigView(int i, String locale) {
    ProductView view = Samples.view(UUID.randomUUID(), "big-" + i, locale, List.of());
    return new ProductView(view.id(), view.slug(), view.status(), view.locale(), "n".repeat(10_000), view.description(),
      view.categoryIds(), view.attributes(), view.media(), view.seo(), view.variants(), view.createdAt(),
      view.updatedAt(), view.version());
  }

  @Test
  void oneFieldRepeatedTwoThousandTimesIsRefusedQuicklyWithoutFetching() throws Exception {
    String query = "{productBySlug(slug:\"linen\"){" + "id ".repeat(1_990) + "}}";
    assertRefusedQuickly(query, "QUERY_TOO_COMPLEX");
  }

  @Test
  void threeHundredAliasesOfAListAreRefused() throws Exception {
    var query = new StringBuilder("{");
    for (int i = 0; i < 300; i++) {
      query.append("c").append(i).append(":categories{id name} ");
    }
    assertRefusedQuickly(query.append('}').toString(), "QUERY_TOO_COMPLEX");
  }

  @Test
  void aHugeDocumentIsRefusedBeforeItIsParsedWhole() throws Exception {
    assertRefusedQuickly("{" + "__typename ".repeat(50_000) + "}", "QUERY_TOO_COMPLEX");
  }

  @Test
  void fragmentsThatMultiplyFieldsAreCountedSpreadOut() throws Exception {
    var query = new StringBuilder("{...F0} ");
    for (int i = 0; i < 20; i++) {
      query.append("fragment F").append(i).append(" on Query{...F").append(i + 1).append(" ...F").append(i + 1).append("} ");
    }
    query.append("fragment F20 on Query{categories{id}}");
    assertRefusedQuickly(query.toString(), "QUERY_TOO_COMPLEX");
  }

  @Test
  void listFieldsCountTheirExpectedSizeSoAQueryWithinTheFieldCapCanStillBeTooCostly() throws Exception {
    // 4 x 14 fields, but 4 x 100 cards of 13 fields each
    String card = "{edges{node{slug name availability image{url alt} priceMin{amount currency} priceMax{amount currency}}}}";
    JsonObject refused = graphql("{a:products(first:100)" + card + " b:products(first:100)" + card
      + " c:products(first:100)" + card + " d:products(first:100)" + card + "}");
    assertEquals("QUERY_TOO_COMPLEX", code(refused), refused.encode());
    JsonObject fine = graphql("{products(first:10)" + card + "}");
    assertNull(fine.getValue("errors"), fine.encode());
  }

  @Test
  void aResponseOverTheSizeLimitIsReplacedByAnError() throws Exception {
    JsonObject small = graphql("{products(first:5){edges{node{slug name}}}}");
    assertNull(small.getValue("errors"), "50 KB are allowed");
    JsonObject big = graphql("{products(first:30){edges{node{slug name}}}}");
    assertEquals("QUERY_TOO_COMPLEX", code(big), shortly(big));
    assertNull(big.getValue("data"), "no data at all");
  }

  @Test
  void evilQueriesDoNotHoldUpOtherRequests() throws Exception {
    String evil = "{productBySlug(slug:\"linen\"){" + "id ".repeat(1_990) + "}}";
    var pending = new ArrayList<Future<HttpResponse<Buffer>>>();
    for (int i = 0; i < 20; i++) {
      // each query different, so that no cached refusal helps
      pending.add(gw.http.post("/graphql").sendJsonObject(new JsonObject().put("query", evil.replace("linen", "linen" + i))));
    }
    long start = System.nanoTime();
    var normal = gw.graphql("/graphql", null, "{productBySlug(slug:\"linen\"){id name}}", null);
    long normalMillis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(200, normal.statusCode());
    assertNull(normal.bodyAsJsonObject().getValue("errors"), normal.bodyAsString());
    assertTrue(normalMillis < QUICK_MILLIS, "a normal query took " + normalMillis + " ms beside 20 evil ones");
    for (var response : Future.all(pending).await(10, TimeUnit.SECONDS).<HttpResponse<Buffer>>list()) {
      assertEquals("QUERY_TOO_COMPLEX", code(response.bodyAsJsonObject()));
    }
  }

  @Test
  void introspectionIsDisabledByDefaultButTypenameWorks() throws Exception {
    JsonObject schema = graphql("{__schema{types{name}}}");
    assertEquals("INTROSPECTION_DISABLED", code(schema), schema.encode());
    JsonObject type = graphql("{__type(name:\"Product\"){name}}");
    assertEquals("INTROSPECTION_DISABLED", code(type), type.encode());
    JsonObject typename = graphql("{__typename}");
    assertEquals("Query", typename.getJsonObject("data").getString("__typename"), typename.encode());
  }

  @Test
  void whereEnabledIntrospectionWorksAndAnOversizedOneIsAClientError() throws Exception {
    try (var dev = GatewayFixture.start(new JsonObject().put("graphql", new JsonObject().put("introspection", true)))) {
      var full = dev.graphql("/graphql", null, IntrospectionQuery.INTROSPECTION_QUERY, null).bodyAsJsonObject();
      assertNull(full.getValue("errors"), "what GraphiQL sends: " + full.encode());
      assertNotNull(full.getJsonObject("data").getJsonObject("__schema"));
      String badFaith = "{" + IntStream.range(0, 60).mapToObj(i -> "t" + i + ":__schema{types{name}}")
        .reduce("", (a, b) -> a + " " + b) + "}";
      JsonObject refused = dev.graphql("/graphql", null, badFaith, null).bodyAsJsonObject();
      assertEquals("QUERY_TOO_COMPLEX", code(refused), refused.encode());
    }
  }

  private static void assertRefusedQuickly(String query, String expectedCode) throws Exception {
    int fetchesBefore = fetches();
    long start = System.nanoTime();
    JsonObject result = graphql(query);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(expectedCode, code(result), shortly(result));
    assertTrue(millis < QUICK_MILLIS, "refused after " + millis + " ms");
    assertEquals(fetchesBefore, fetches(), "nothing was fetched");
  }

  private static String shortly(JsonObject result) {
    String text = result.encode();
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }

  private static int fetches() {
    return gw.bus.count(CatalogApi.GET_PRODUCT_BY_SLUG) + gw.bus.count(CatalogApi.LIST_CATEGORIES)
      + gw.bus.count(CatalogApi.LIST_PRODUCTS);
  }

  private static JsonObject graphql(String query) throws Exception {
    var response = gw.graphql("/graphql", null, query, null);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private static String code(JsonObject result) {
    var errors = result.getJsonArray("errors");
    return errors == null || errors.isEmpty() ? null : errors.getJsonObject(0).getJsonObject("extensions").getString("code");
  }
}
