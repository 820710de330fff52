package io.kinetic.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScenariosTest {

  private static final CatalogSample SAMPLE = new CatalogSample(
      List.of(new CatalogSample.Product("p1", "linen-shirt-1", List.of("KC1-M-RED", "KC1-L-RED")),
          new CatalogSample.Product("p2", "wool-scarf-2", List.of("KC2-S-BLUE"))),
      List.of("c1", "c2", "c3"),
      Map.of("material", List.of("linen", "wool"), "brand", List.of("Fjord & Co", "Terra"), "organic", List.of("true", "false")),
      499, 19_999);

  @Test
  void filteredListsCoverEveryCategoryInEverySort() {
    List<String> pages = new Scenarios(SAMPLE, 1).filteredListFirstPages();
    assertEquals(3 * Scenarios.SORTS.size(), pages.size());
    assertTrue(pages.stream().allMatch(p -> p.contains("category=") && p.contains("&sort=") && p.endsWith("&limit=20")));
  }

  @Test
  void facetedListsAreDistinctFilterCombinationsWithEncodedValues() {
    List<String> pages = new Scenarios(SAMPLE, 1).facetedFirstPages(50);
    assertEquals(50, Set.copyOf(pages).size());
    assertTrue(pages.stream().allMatch(p -> p.contains("&attr.")), "each has at least one attribute filter");
    assertTrue(pages.stream().anyMatch(p -> p.contains("minPrice=") && p.contains("maxPrice=")), "some have a price range");
    assertTrue(pages.stream().noneMatch(p -> p.contains("Fjord & Co")), "values are URL-encoded");
    assertEquals(pages, new Scenarios(SAMPLE, 1).facetedFirstPages(50), "the same seed gives the same searches");
  }

  @Test
  void mixedIsFivePercentAdminWritesOfPricesAndStock() {
    var scenarios = new Scenarios(SAMPLE, 7);
    Map<String, List<RequestLine>> reads = Map.of(
        "product_by_id", scenarios.productById(), "product_by_slug", scenarios.productBySlug(),
        "filtered_list", List.of(RequestLine.get("/api/v1/products?category=c1&sort=name&limit=20")));

    List<RequestLine> mixed = scenarios.mixed(reads, 2000);

    assertEquals(2000, mixed.size());
    List<RequestLine> writes = mixed.stream().filter(RequestLine::write).toList();
    assertEquals(100, writes.size());
    assertEquals(Set.of("prices", "stock"), writes.stream()
        .map(w -> w.path().contains("/prices/") ? "prices" : w.path().endsWith("/stock") ? "stock" : w.path())
        .collect(Collectors.toSet()));
    assertTrue(writes.stream().allMatch(w -> w.path().startsWith("/api/v1/admin/variants/KC")));
    assertTrue(mixed.stream().filter(r -> !r.write()).allMatch(r -> r.path().startsWith("/api/v1/products")));
  }

  @Test
  void searchesMixWordsTyposPrefixesAndFacetsOverTheNames() {
    List<RequestLine> searches = new Scenarios(SAMPLE, 3).search(40);
    assertEquals(40, Set.copyOf(searches).size());
    assertTrue(searches.stream().allMatch(r -> r.path().startsWith("/api/v1/search?q=") && !r.write()));
    assertTrue(searches.stream().anyMatch(r -> r.path().contains("&filter.")), "some filter by facets");
    assertTrue(searches.stream().anyMatch(r -> r.path().matches(".*q=(lin|line|wool|scar|scarf|shir|shirt)&.*")), "prefixes and words");
    assertTrue(searches.stream().noneMatch(r -> r.path().contains("Fjord & Co")), "values are URL-encoded");
    assertEquals(searches, new Scenarios(SAMPLE, 3).search(40), "the same seed gives the same searches");
  }

  @Test
  void autocompleteTypesTwoToSixLettersOfNames() {
    List<RequestLine> typed = new Scenarios(SAMPLE, 3).autocomplete(10);
    assertTrue(typed.stream().allMatch(r -> r.path().startsWith("/api/v1/search/suggest?q=")));
    assertTrue(typed.stream().map(r -> r.path().replaceAll(".*q=([^&]*)&.*", "$1").replace("%20", " "))
      .allMatch(q -> q.length() >= 2 && List.of("linen shirt", "wool scarf").stream().anyMatch(name -> name.contains(q))), typed.toString());
  }

  private static final List<String> PRODUCTS = java.util.stream.IntStream.range(0, 10_000)
      .mapToObj(i -> new java.util.UUID(0x0190000000007000L + i, 0x8000000000000000L + i).toString()).toList();

  @Test
  void recommendationsSpreadOverSituationsTheWholeCatalogueAndManySessions() {
    List<RequestLine> lines = new Scenarios(SAMPLE, 5).recommendations(PRODUCTS, List.of("c1", "c2", "c3"), 5_000, 20_000);
    assertEquals(20_000, lines.size());
    assertTrue(lines.stream().allMatch(r -> r.method() == io.vertx.core.http.HttpMethod.GET
        && r.path().startsWith("/api/v1/recommendations?situation=") && r.path().endsWith("&limit=6")));
    Map<String, Long> situations = lines.stream()
        .collect(Collectors.groupingBy(r -> r.path().replaceAll(".*situation=([a-z]+).*", "$1"), Collectors.counting()));
    assertEquals(Set.of("home", "product", "category", "cart"), situations.keySet());
    situations.forEach((situation, n) -> assertTrue(Math.abs(n / 20_000.0 - Scenarios.RECOMMENDATION_SITUATIONS.get(situation) / 100.0) < 0.02,
        situation + ": " + n));
    Set<String> products = lines.stream().filter(r -> r.path().contains("productId="))
        .map(r -> r.path().replaceAll(".*productId=([^&]+).*", "$1")).collect(Collectors.toSet());
    assertTrue(products.size() > 5_000, "product pages of thousands of products, not a short loop: " + products.size());
    assertTrue(lines.stream().filter(r -> r.path().contains("situation=cart"))
        .allMatch(r -> r.path().matches(".*&cart=[0-9a-f-]{36}(,[0-9a-f-]{36}){0,3}&.*")), "carts of 1 to 4 products");
    Set<String> sessions = lines.stream().filter(r -> r.path().contains("&session="))
        .map(r -> r.path().replaceAll(".*&session=([^&]+).*", "$1")).collect(Collectors.toSet());
    assertTrue(sessions.size() > 4_000, "thousands of sessions: " + sessions.size());
    long cold = lines.stream().filter(r -> !r.path().contains("&session=")).count();
    assertTrue(cold > 1_500 && cold < 2_500, "a tenth without a session: " + cold);
    assertEquals(lines, new Scenarios(SAMPLE, 5).recommendations(PRODUCTS, List.of("c1", "c2", "c3"), 5_000, 20_000));
  }

  @Test
  void recommendationSessionsGetAHistoryEach() {
    List<RequestLine> histories = new Scenarios(SAMPLE, 5).recommendationHistories(PRODUCTS, 300);
    assertEquals(300, histories.size());
    Set<String> sessions = new java.util.HashSet<>();
    for (RequestLine line : histories) {
      assertEquals("/api/v1/events", line.path());
      var body = new io.vertx.core.json.JsonObject(line.body());
      sessions.add(body.getString("sessionId"));
      var events = body.getJsonArray("events");
      assertTrue(events.size() >= 4 && events.size() <= 100, "within a batch's limit: " + events.size());
      assertTrue(events.stream().map(io.vertx.core.json.JsonObject.class::cast)
          .allMatch(e -> e.getString("id").equals(RequestLine.FRESH_ID) && PRODUCTS.contains(e.getString("productId"))));
    }
    assertEquals(300, sessions.size());
    assertTrue(sessions.contains(Scenarios.recommendationSession(0)) && sessions.contains(Scenarios.recommendationSession(299)),
        "the sessions the scenario asks for");
  }

  @Test
  void eventBatchesAreNewEventsFromManySessions() {
    List<RequestLine> batches = new Scenarios(SAMPLE, 5).events(PRODUCTS, Scenarios.EVENT_SESSIONS, 5_000);
    assertEquals(5_000, batches.size());
    Set<String> sessions = new java.util.HashSet<>();
    Map<String, Long> types = new java.util.HashMap<>();
    for (RequestLine line : batches) {
      assertEquals(io.vertx.core.http.HttpMethod.POST, line.method());
      var body = new io.vertx.core.json.JsonObject(line.body());
      sessions.add(body.getString("sessionId"));
      assertTrue(body.getString("sessionId").matches("[A-Za-z0-9_-]{8,64}"));
      var events = body.getJsonArray("events");
      assertEquals(Scenarios.EVENTS_PER_BATCH, events.size());
      events.forEach(e -> types.merge(((io.vertx.core.json.JsonObject) e).getString("type"), 1L, Long::sum));
    }
    assertTrue(sessions.size() > 4_000, "spread over many sessions (each far below its rate limit): " + sessions.size());
    assertEquals(Set.of("product-view", "product-leave", "add-to-cart", "recommendation-shown", "recommendation-clicked"),
        types.keySet());
    // every send carries new ids: the engine stores and learns each batch, none is skipped as a retry
    RequestLine line = batches.get(0);
    var first = new io.vertx.core.json.JsonObject(line.bodyBuffer().toString()).getJsonArray("events");
    var second = new io.vertx.core.json.JsonObject(line.bodyBuffer().toString()).getJsonArray("events");
    Set<String> ids = new java.util.HashSet<>();
    for (int i = 0; i < first.size(); i++) {
      ids.add(java.util.UUID.fromString(first.getJsonObject(i).getString("id")).toString());
      ids.add(java.util.UUID.fromString(second.getJsonObject(i).getString("id")).toString());
    }
    assertEquals(2 * Scenarios.EVENTS_PER_BATCH, ids.size());
    assertEquals(line, RequestLine.parse(line.format()), "the url file keeps the placeholder");
  }

  @Test
  void nameWordsComeFromTheSlugWithoutItsNumber() {
    assertEquals(List.of("aurora", "cotton", "jacket"), Scenarios.nameWords("aurora-cotton-jacket-123"));
  }
}
