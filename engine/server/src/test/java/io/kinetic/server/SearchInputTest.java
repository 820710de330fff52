package io.kinetic.server;

import static io.kinetic.server.CartEndToEndTest.assertProblem;
import static io.kinetic.server.SearchShop.has;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Whatever a shopper or a script sends to search gets a clear 4xx problem or a page, never a 500:
 * huge queries, unknown facets, pages beyond the end, operators and quotes; an empty query is a
 * browse. GraphQL answers the same, and staff see the analytics of what was searched.
 */
// creates products: never while StorefrontBrowserTest compares the home page with the API
@ResourceLock(value = "storefront-catalogue", mode = ResourceAccessMode.READ)
class SearchInputTest {

  private static SearchShop postgres;
  /** The engine's shop: the PostgreSQL backend's shared engine, or another backend's (a subclass). */
  SearchShop s;

  @BeforeAll
  static void start() throws Exception {
    postgres = new SearchShop(RunningEngine.client());
  }

  @org.junit.jupiter.api.BeforeEach
  void pickEngine() throws Exception {
    s = engine(postgres);
  }

  /** The shop searched; another backend's test class answers its own engine's. */
  SearchShop engine(SearchShop postgres) throws Exception {
    return postgres;
  }

  @Test
  void badInputIsAClearProblem() throws Exception {
    var huge = s.get("/api/v1/search?" + SearchShop.query("q", "x".repeat(10_000)));
    assertTrue(huge.statusCode() == 400 || huge.statusCode() == 414, huge.statusCode() + " " + huge.bodyAsString());
    assertEquals("application/problem+json", huge.getHeader("content-type").split(";")[0]);
    assertProblem(s.get("/api/v1/search?" + SearchShop.query("q", "y".repeat(201))), 400, "VALIDATION_FAILED");
    var unknown = s.get("/api/v1/search?" + SearchShop.query("q", "shirt", "filter.flavour", "mint"));
    assertProblem(unknown, 400, "VALIDATION_FAILED");
    assertEquals("filter.flavour", unknown.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"), "named as the parameter");
    assertTrue(unknown.bodyAsString().contains("is no facet of this shop: the facets are category, brand, price, availability"), unknown.bodyAsString());
    assertProblem(s.get("/api/v1/search?" + SearchShop.query("filter.category", "not-a-uuid")), 400, "VALIDATION_FAILED");
    assertProblem(s.get("/api/v1/search?" + SearchShop.query("filter.price", "50-10")), 400, "VALIDATION_FAILED");
    assertProblem(s.get("/api/v1/search?" + SearchShop.query("filter.availability", "maybe")), 400, "VALIDATION_FAILED");
    assertProblem(s.get("/api/v1/search?" + SearchShop.query("page", "0")), 400, "VALIDATION_FAILED");
    assertProblem(s.get("/api/v1/search?" + SearchShop.query("pageSize", "1000")), 400, "VALIDATION_FAILED");
    assertProblem(s.get("/api/v1/search?" + SearchShop.query("sort", "cheapest")), 400, "VALIDATION_FAILED");
    assertProblem(s.get("/api/v1/search?" + SearchShop.query("currency", "euro")), 400, "VALIDATION_FAILED");
    assertProblem(s.get("/api/v1/search/suggest?" + SearchShop.query("q", "z".repeat(101))), 400, "VALIDATION_FAILED");
    assertProblem(s.get("/api/v1/search/suggest"), 400, "VALIDATION_FAILED");
    assertProblem(s.get("/api/v1/search?" + SearchShop.query("minPrice", "5000", "maxPrice", "1000")), 400, "VALIDATION_FAILED");
    // a limit asked for is 1 to 20: 0 is refused like 21 (it was taken for the default)
    assertProblem(s.get("/api/v1/search/suggest?" + SearchShop.query("q", "shirt", "limit", "0")), 400, "VALIDATION_FAILED");
    assertProblem(s.get("/api/v1/search/suggest?" + SearchShop.query("q", "shirt", "limit", "21")), 400, "VALIDATION_FAILED");
    var zero = s.http.post("/graphql").sendJsonObject(new JsonObject().put("query", "{ suggest(query: \"shirt\", limit: 0) { text } }"))
      .await(10, TimeUnit.SECONDS);
    assertEquals("VALIDATION_FAILED", zero.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0)
      .getJsonObject("extensions").getString("code"), zero.bodyAsString());
    // a filter on nothing is refused, as the product list refuses attr.<code>= (it was silently ignored)
    var empty = s.get("/api/v1/search?" + SearchShop.query("q", "shirt", "filter.brand", ""));
    assertProblem(empty, 400, "VALIDATION_FAILED");
    assertEquals("filter.brand", empty.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertProblem(s.get("/api/v1/search?" + SearchShop.query("q", "shirt", "filter.", "x")), 400, "VALIDATION_FAILED");
    var emptyValue = s.http.post("/graphql").sendJsonObject(new JsonObject()
      .put("query", "{ search(query: \"shirt\", filters: [{code: \"brand\", values: [\"\"]}]) { total } }")).await(10, TimeUnit.SECONDS);
    assertEquals("VALIDATION_FAILED", emptyValue.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0)
      .getJsonObject("extensions").getString("code"), emptyValue.bodyAsString());
  }

  @Test
  void operatorsQuotesAndOddCharactersAreJustSearched() throws Exception {
    for (String q : List.of("\"unterminated", "-", "--", "or", "OR OR", "a & b | !c", "jacket:*", "(((", "')); DROP TABLE document; --",
      "\\", "%_%", "\"\"", "-\"jacket\"", "ü", "日本語", "😀 jacket", "a".repeat(200))) {
      var r = s.get("/api/v1/search?" + SearchShop.query("q", q));
      assertEquals(200, r.statusCode(), q + ": " + r.bodyAsString());
      var suggest = s.get("/api/v1/search/suggest?" + SearchShop.query("q", q.length() > 100 ? q.substring(0, 100) : q));
      assertEquals(200, suggest.statusCode(), q + ": " + suggest.bodyAsString());
    }
  }

  @Test
  void anEmptyQueryIsABrowseAndAPageBeyondTheEndIsEmpty() throws Exception {
    JsonObject browse = s.search();
    assertTrue(browse.getLong("total") >= 30, browse.encodePrettily());
    assertEquals(20, browse.getJsonArray("items").size());
    JsonObject card = browse.getJsonArray("items").getJsonObject(0);
    for (String field : List.of("id", "slug", "name", "available")) {
      assertNotNull(card.getValue(field), field);
    }
    assertTrue(card.containsKey("rating"));
    // slim: a page of 20 cards is a few KB
    int bytes = browse.getJsonArray("items").encode().length();
    assertTrue(bytes < 8_000, "bytes: " + bytes);
    // other tests add products meanwhile: the pages compared are of a brand of this test's own
    String brand = SearchShop.brand();
    s.product("Beyond lamp one", brand);
    s.product("Beyond lamp two", brand);
    s.await(r -> r.getLong("total") == 2, 10_000, "filter.brand", brand);
    JsonObject beyond = s.search("filter.brand", brand, "page", "1000");
    assertEquals(List.of(), beyond.getJsonArray("items").getList());
    assertEquals(2, beyond.getLong("total"));
    assertEquals(2, s.search("q", "   ", "filter.brand", brand).getLong("total"));
  }

  @Test
  void graphQlSearchAndSuggestMirrorRest() throws Exception {
    String brand = SearchShop.brand();
    JsonObject product = s.product("Marigold graph lantern", brand);
    // the known words are refreshed within a second of a change
    s.await(r -> "marigold".equals(r.getString("correctedQuery")), 10_000, "q", "mraigold", "filter.brand", brand);
    String query = "query($q: String, $f: [FacetFilter!]) { search(query: $q, filters: $f, pageSize: 5) { total correctedQuery searchId "
      + "items { id slug name image { url } priceMin { amount currency } available availability rating { average } } "
      + "facets { code label values { value label count selected } } } suggest(query: \"marigo\") { kind text slug } }";
    var variables = new JsonObject().put("q", "mraigold").put("f", new JsonArray().add(new JsonObject().put("code", "brand")
      .put("values", new JsonArray().add(brand))));
    var r = s.http.post("/graphql").sendJsonObject(new JsonObject().put("query", query).put("variables", variables))
      .await(10, TimeUnit.SECONDS);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    JsonObject data = r.bodyAsJsonObject().getJsonObject("data");
    assertNotNull(data, r.bodyAsString());
    assertEquals(1, data.getJsonObject("search").getInteger("total"), r.bodyAsString());
    assertEquals("marigold", data.getJsonObject("search").getString("correctedQuery"));
    assertEquals(product.getString("id"), data.getJsonObject("search").getJsonArray("items").getJsonObject(0).getString("id"));
    // the card's availability level, as the schema's enum
    String level = s.search("q", "marigold", "filter.brand", brand).getJsonArray("items").getJsonObject(0).getString("availability");
    assertEquals(level.toUpperCase(java.util.Locale.ROOT),
      data.getJsonObject("search").getJsonArray("items").getJsonObject(0).getString("availability"), r.bodyAsString());
    assertTrue(data.getJsonArray("suggest").stream().anyMatch(i -> ((JsonObject) i).getString("text").equals("Marigold graph lantern")),
      r.bodyAsString());
    var bad = s.http.post("/graphql").sendJsonObject(new JsonObject().put("query",
      "{ search(filters: [{code: \"flavour\", values: [\"mint\"]}]) { total } }")).await(10, TimeUnit.SECONDS);
    assertEquals("VALIDATION_FAILED", bad.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0)
      .getJsonObject("extensions").getString("code"), bad.bodyAsString());
  }

  @Test
  void staffManageSearchOverTheAdminGraphQlApi() throws Exception {
    String token = s.shop.staffToken();
    var saved = admin(token, "mutation { saveSearchSynonym(locale: \"de\", terms: [\"Pulli\", \"Pullover\"]) "
      + "{ __typename ... on SearchSynonym { id terms } ... on Problem { code } } }");
    JsonObject synonym = saved.getJsonObject("data").getJsonObject("saveSearchSynonym");
    assertEquals("SearchSynonym", synonym.getString("__typename"), saved.encode());
    assertEquals(List.of("pulli", "pullover"), synonym.getJsonArray("terms").getList());
    var invalid = admin(token, "mutation { saveSearchSynonym(locale: \"fr\", terms: [\"x\"]) "
      + "{ __typename ... on Problem { code } } }");
    assertEquals("VALIDATION_FAILED", invalid.getJsonObject("data").getJsonObject("saveSearchSynonym").getString("code"));
    var listed = admin(token, "{ searchSynonyms(locale: \"de\") { id terms } searchReindexStatus { running documents } "
      + "searchAnalytics(days: 1, limit: 5) { searches topQueries { query searches } } }");
    JsonObject data = listed.getJsonObject("data");
    assertTrue(data.getJsonArray("searchSynonyms").stream().anyMatch(x -> ((JsonObject) x).getString("id").equals(synonym.getString("id"))),
      listed.encode());
    assertTrue(data.getJsonObject("searchReindexStatus").getLong("documents") > 0, listed.encode());
    var deleted = admin(token, "mutation { deleteSearchSynonym(id: \"" + synonym.getString("id") + "\") "
      + "{ __typename ... on Deleted { id } } }");
    assertEquals(synonym.getString("id"), deleted.getJsonObject("data").getJsonObject("deleteSearchSynonym").getString("id"));
    var reindex = admin(token, "mutation { reindexSearch { __typename ... on ReindexStatus { running } } }");
    assertEquals("ReindexStatus", reindex.getJsonObject("data").getJsonObject("reindexSearch").getString("__typename"), reindex.encode());
    // not for shoppers
    var anonymous = s.http.post("/admin/graphql").sendJsonObject(new JsonObject().put("query", "{ searchReindexStatus { running } }"))
      .await(10, TimeUnit.SECONDS);
    assertEquals(401, anonymous.statusCode());
  }

  private JsonObject admin(String token, String query) throws Exception {
    var r = s.http.post("/admin/graphql").bearerTokenAuthentication(token).sendJsonObject(new JsonObject().put("query", query))
      .await(10, TimeUnit.SECONDS);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  @Test
  void staffSeeWhatWasSearchedWithoutWhoSearched() throws Exception {
    String nothing = "qqzzxx" + SearchShop.brand().substring(5).replaceAll("[0-9]", "q");
    // searched more often than most of the other tests' queries (the lists hold the top 100)
    for (int i = 0; i < 4; i++) {
      s.search("q", nothing, "pageSize", String.valueOf(1 + i));
      s.search("q", nothing.toUpperCase(), "pageSize", String.valueOf(1 + i));
    }
    for (int i = 0; i < 8; i++) {
      s.search("q", "ada@example.com +49 170 1234567", "pageSize", String.valueOf(1 + i));
    }
    String brand = SearchShop.brand();
    JsonObject product = s.product("Primrose click probe", brand);
    s.await(r -> has(r, product), 10_000, "q", "primrose", "filter.brand", brand);
    JsonObject found = s.search("q", "primrose probe", "filter.brand", brand);
    var click = Shop.send(s.http.post("/api/v1/search/clicks"), new JsonObject().put("searchId", found.getString("searchId"))
      .put("productId", product.getString("id")).put("position", 1));
    assertEquals(200, click.statusCode(), click.bodyAsString());
    assertEquals(true, click.bodyAsJsonObject().getBoolean("recorded"));
    var unknownClick = Shop.send(s.http.post("/api/v1/search/clicks"), new JsonObject().put("searchId", java.util.UUID.randomUUID().toString())
      .put("productId", product.getString("id")).put("position", 1));
    assertEquals(false, unknownClick.bodyAsJsonObject().getBoolean("recorded"));
    // only a result the search had, and never more clicks than results (made-up clicks inflated the figures)
    int results = found.getInteger("total");
    for (int position : new int[] {results + 1, 200}) {
      var beyond = Shop.send(s.http.post("/api/v1/search/clicks"), new JsonObject().put("searchId", found.getString("searchId"))
        .put("productId", java.util.UUID.randomUUID().toString()).put("position", position));
      assertEquals(false, beyond.bodyAsJsonObject().getBoolean("recorded"), "position " + position + " of " + results);
    }
    if (results == 1) {
      var again = Shop.send(s.http.post("/api/v1/search/clicks"), new JsonObject().put("searchId", found.getString("searchId"))
        .put("productId", product.getString("id")).put("position", 1));
      assertEquals(false, again.bodyAsJsonObject().getBoolean("recorded"), "one result, one click");
    }

    assertProblem(s.get("/api/v1/admin/search/analytics"), 401, "UNAUTHENTICATED");
    var analytics = s.http.get("/api/v1/admin/search/analytics?days=1&limit=100").bearerTokenAuthentication(s.shop.staffToken())
      .send().await(10, TimeUnit.SECONDS);
    assertEquals(200, analytics.statusCode(), analytics.bodyAsString());
    JsonObject a = analytics.bodyAsJsonObject();
    assertTrue(a.getJsonArray("zeroResultQueries").stream().anyMatch(q -> ((JsonObject) q).getString("query").equals(nothing)
      && ((JsonObject) q).getLong("searches") == 8), a.encodePrettily());
    assertTrue(a.getJsonArray("topQueries").stream().anyMatch(q -> ((JsonObject) q).getString("query").equals("primrose probe")
      && ((JsonObject) q).getLong("clicks") == 1), a.encodePrettily());
    // the rate is rounded to three decimals: over the other tests' thousands of searches in this
    // database it may round to 0; the query's own rate is exact
    assertTrue(a.getLong("clicks") >= 1 && a.getDouble("clickThroughRate") >= 0 && a.getDouble("clickThroughRate") <= 1,
      a.encodePrettily());
    assertTrue(a.getJsonArray("topQueries").stream().anyMatch(q -> ((JsonObject) q).getString("query").equals("primrose probe")
      && ((JsonObject) q).getDouble("clickThroughRate") == 1.0), a.encodePrettily());
    assertTrue(!analytics.bodyAsString().contains("127.0.0.1"));
    // what a shopper typed that identifies someone is not kept
    assertTrue(!analytics.bodyAsString().contains("ada@example.com") && !analytics.bodyAsString().contains("1234567"),
      analytics.bodyAsString());
    assertTrue(a.getJsonArray("topQueries").stream().anyMatch(q -> ((JsonObject) q).getString("query").equals("<email> <number>")),
      a.encodePrettily());
  }
}
