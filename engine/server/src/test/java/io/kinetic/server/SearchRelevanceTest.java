package io.kinetic.server;

import static io.kinetic.server.SearchShop.count;
import static io.kinetic.server.SearchShop.has;
import static io.kinetic.server.SearchShop.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * What a shopper checks of search over REST on a real engine (PostgreSQL backend): typos, accents,
 * plurals, German umlauts and compounds, prefixes, phrases, synonyms, and facet counts that add up.
 * Every product of a test carries a brand of its own, and searches filter by it, so the shared
 * engine's other products never change a figure.
 */
// creates products: never while StorefrontBrowserTest compares the home page with the API
@ResourceLock(value = "storefront-catalogue", mode = ResourceAccessMode.READ)
class SearchRelevanceTest {

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
  void typosFindTheWordMeantAndSaySo() throws Exception {
    String brand = SearchShop.brand();
    JsonObject jacket = s.product("Quillon waxed jacket", brand);
    JsonObject backpack = s.product("Ridgeway hiking backpack", null, "Roomy.", brand, "hiking", "PUBLISHED", 5900, 3, Map.of());
    s.await(r -> r.getLong("total") == 2, 10_000, "filter.brand", brand);
    // a transposition: nothing matches as typed, the correction does
    JsonObject typo = s.await(r -> has(r, jacket), 10_000, "q", "jacekt", "filter.brand", brand).result();
    assertEquals("jacket", typo.getString("correctedQuery"));
    assertFalse(has(typo, backpack));
    // a missing letter matches by trigrams, as typed
    JsonObject missing = s.search("q", "backpak", "filter.brand", brand);
    assertTrue(has(missing, backpack), missing.encodePrettily());
  }

  /**
   * PostgreSQL backend: a word the full text finds more than twice is not widened by trigram
   * similarity (the dearest part of a search runs only for typos, prefixes and words found at most
   * twice); found once, it is.
   */
  @Test
  void trigramMatchesWidenOnlyASearchTheFullTextFindsLittleFor() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(s == postgres, "the PostgreSQL statement's two passes");
    String brand = SearchShop.brand();
    JsonObject toy = s.product("Jackety plush toy", null, "Soft.", brand, "kitchen", "PUBLISHED", 1900, 3, Map.of());
    JsonObject one = s.product("Quillon waxed jacket", brand);
    s.await(r -> r.getLong("total") == 2, 10_000, "filter.brand", brand);
    JsonObject few = s.search("q", "jacket", "filter.brand", brand);
    assertTrue(has(few, one) && has(few, toy), "one full-text match: trigram neighbours too " + few.encodePrettily());
    JsonObject two = s.product("Harbor rain jacket", brand);
    JsonObject three = s.product("Alpine down jacket", brand);
    // both indexed before the search: a search between the two passes of one statement pair could
    // count two full-text matches and then find the third by trigrams, with the toy
    s.await(r -> r.getLong("total") == 4, 10_000, "filter.brand", brand);
    JsonObject many = s.await(r -> has(r, two) && has(r, three), 10_000, "q", "jacket", "filter.brand", brand).result();
    assertTrue(has(many, one) && has(many, two) && has(many, three), many.encodePrettily());
    assertFalse(has(many, toy), "three full-text matches: no trigram neighbour");
    assertTrue(has(s.search("q", "jackety", "filter.brand", brand), toy));
  }

  @Test
  void accentsUmlautsAndEszettAreFolded() throws Exception {
    String brand = SearchShop.brand();
    JsonObject cafe = s.product("Café crème mug", "Café-Crème-Becher", "Porcelain.", brand, "kitchen", "PUBLISHED", 1500, 3, Map.of());
    JsonObject strasse = s.product("Street sneaker", "Straßen-Sneaker", "Für die Straße.", brand, "sneakers", "PUBLISHED", 8900, 3, Map.of());
    JsonObject muetze = s.product("Wool beanie", "Wollmütze", "Warm.", brand, "hats", "PUBLISHED", 1900, 3, Map.of());
    s.await(r -> r.getLong("total") == 3, 10_000, "filter.brand", brand);
    assertTrue(has(s.search("q", "cafe creme", "filter.brand", brand), cafe));
    assertTrue(has(s.search("q", "Café", "filter.brand", brand), cafe));
    assertTrue(has(s.search("q", "strasse", "locale", "de", "filter.brand", brand), strasse));
    assertTrue(has(s.search("q", "wollmutze", "locale", "de", "filter.brand", brand), muetze));
    assertTrue(has(s.search("q", "Wollmütze", "locale", "de", "filter.brand", brand), muetze));
  }

  @Test
  void pluralsStemsCompoundsAndPrefixes() throws Exception {
    String brand = SearchShop.brand();
    JsonObject parka = s.product("Harbor rain parka", brand);
    JsonObject rucksack = s.product("Alpine day pack", "Wanderrucksack Alpin", "Leicht.", brand, "hiking", "PUBLISHED", 6900, 2, Map.of());
    s.await(r -> r.getLong("total") == 2, 10_000, "filter.brand", brand);
    assertTrue(has(s.search("q", "parkas", "filter.brand", brand), parka));
    // German compound: the part finds the whole word
    assertTrue(has(s.search("q", "rucksack", "locale", "de", "filter.brand", brand), rucksack));
    // a prefix, as typed in a search box
    assertTrue(has(s.search("q", "harb", "filter.brand", brand), parka));
    // the category's name (and its parent's) is searchable
    assertTrue(has(s.search("q", "clothing", "filter.brand", brand), parka));
    assertFalse(has(s.search("q", "clothing", "filter.brand", brand), rucksack));
  }

  @Test
  void quotesMakeAPhraseAndTheNameWeighsMost() throws Exception {
    String brand = SearchShop.brand();
    JsonObject phrase = s.product("Red wool scarf", brand);
    JsonObject apart = s.product("Wool scarf in red", brand);
    JsonObject described = s.product("Winter scarf", "Winterschal", "Knitted from red wool.", brand, "knitwear", "PUBLISHED", 2900, 4, Map.of());
    s.await(r -> r.getLong("total") == 3, 10_000, "q", "red wool", "filter.brand", brand);
    JsonObject quoted = s.search("q", "\"red wool scarf\"", "filter.brand", brand);
    assertEquals(java.util.List.of(phrase.getString("id")), ids(quoted));
    // the name outweighs the description
    JsonObject ranked = s.search("q", "red wool", "filter.brand", brand);
    assertTrue(ids(ranked).indexOf(described.getString("id")) > ids(ranked).indexOf(phrase.getString("id")), ranked.encodePrettily());
    assertTrue(ids(ranked).indexOf(described.getString("id")) > ids(ranked).indexOf(apart.getString("id")), ranked.encodePrettily());
    // excluding a word
    assertFalse(has(s.search("q", "scarf -red", "filter.brand", brand), phrase));
  }

  @Test
  void facetCountsAddUpAndStayDisjunctive() throws Exception {
    String brand = SearchShop.brand();
    String other = SearchShop.brand();
    s.product("Facet jacket one", null, "x", brand, "jackets", "PUBLISHED", 1500, 5, Map.of("colour", "red"));
    s.product("Facet jacket two", null, "x", brand, "jackets", "PUBLISHED", 3500, 0, Map.of("colour", "blue"));
    s.product("Facet shirt", null, "x", brand, "shirts", "PUBLISHED", 7500, 5, Map.of("colour", "red"));
    s.product("Facet boot", null, "x", other, "boots", "PUBLISHED", 25000, 5, Map.of("colour", "red"));
    JsonObject all = s.await(r -> r.getLong("total") == 4, 10_000, "q", "facet", "filter.brand", brand, "filter.brand", other)
      .result();
    // tree-aware: clothing counts its jackets and shirts
    String clothing = SearchShop.category("clothing");
    assertEquals(2, count(all, "category", SearchShop.category("jackets")));
    assertEquals(1, count(all, "category", SearchShop.category("shirts")));
    assertEquals(3, count(all, "category", clothing));
    assertEquals(1, count(all, "category", SearchShop.category("shoes")));
    // every product is in one price bucket and has one brand
    long buckets = SearchShop.facet(all, "price").getJsonArray("values").stream().mapToLong(v -> ((JsonObject) v).getLong("count")).sum();
    assertEquals(4, buckets);
    assertEquals(3, count(all, "brand", brand));
    assertEquals(1, count(all, "brand", other));
    assertEquals(3, count(all, "availability", "in-stock"));
    assertEquals(3, count(all, "attr.colour", "red"));
    assertEquals(1, count(all, "attr.colour", "blue"));

    // choosing a brand narrows the results and the other facets, not the brand facet itself
    JsonObject one = s.search("q", "facet", "filter.brand", brand);
    assertEquals(3, one.getLong("total"));
    assertEquals(1, count(one, "brand", other));
    assertEquals(2, count(one, "attr.colour", "red"));

    // a category filter takes its subcategories
    JsonObject inClothing = s.search("q", "facet", "filter.brand", brand, "filter.brand", other, "filter.category", clothing);
    assertEquals(3, inClothing.getLong("total"));
    assertEquals(3, count(inClothing, "brand", brand));
    assertEquals(0, count(inClothing, "brand", other));
    assertEquals(1, count(inClothing, "category", SearchShop.category("shoes")));

    // price ranges, availability and attributes combine
    JsonObject narrowed = s.search("q", "facet", "filter.brand", brand, "filter.price", "0-2000", "filter.price", "2000-5000",
      "filter.availability", "in-stock");
    assertEquals(1, narrowed.getLong("total"));
    assertEquals(1, count(narrowed, "availability", "in-stock"));
    assertEquals(1, count(narrowed, "price", "0-2000"));
    assertEquals(1, count(narrowed, "price", "5000-10000"));

    // sorted by price
    JsonObject cheapest = s.search("q", "facet", "filter.brand", brand, "sort", "price_asc");
    assertEquals(1500, cheapest.getJsonArray("items").getJsonObject(0).getJsonObject("priceMin").getLong("amount"));
    JsonObject dearest = s.search("q", "facet", "filter.brand", brand, "sort", "price_desc", "currency", "USD");
    assertEquals(7600, dearest.getJsonArray("items").getJsonObject(0).getJsonObject("priceMin").getLong("amount"));
    assertEquals("USD", dearest.getJsonArray("items").getJsonObject(0).getJsonObject("priceMin").getString("currency"));
  }

  @Test
  void synonymsManagedByStaffWidenTheQuery() throws Exception {
    String brand = SearchShop.brand();
    JsonObject tee = s.product("Organic t-shirt", brand);
    s.await(r -> has(r, tee), 10_000, "q", "t-shirt", "filter.brand", brand);
    assertEquals(0, s.search("q", "tee", "filter.brand", brand).getLong("total"));
    var created = Shop.send(s.http.post("/api/v1/admin/search/synonyms").bearerTokenAuthentication(s.shop.staffToken()),
      new JsonObject().put("locale", "en").put("terms", new io.vertx.core.json.JsonArray().add("Tee").add("T-Shirt")));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    assertEquals(java.util.List.of("tee", "t-shirt"), created.bodyAsJsonObject().getJsonArray("terms").getList());
    assertTrue(has(s.search("q", "tee", "filter.brand", brand), tee));
    var deleted = s.http.delete("/api/v1/admin/search/synonyms/" + created.bodyAsJsonObject().getString("id"))
      .bearerTokenAuthentication(s.shop.staffToken()).send().await(10, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(204, deleted.statusCode(), deleted.bodyAsString());
    assertFalse(has(s.search("q", "tee", "filter.brand", brand), tee));
  }

  @Test
  void autocompleteFromTwoLettersOffersNamesCategoriesAndBrands() throws Exception {
    String brand = SearchShop.brand();
    JsonObject product = s.product("Zephyrine windbreaker", brand);
    s.await(r -> has(r, product), 10_000, "q", "zephyrine", "filter.brand", brand);
    JsonObject names = s.suggest("q", "zephyr");
    assertEquals("Zephyrine windbreaker", names.getJsonArray("items").getJsonObject(0).getString("text"), names.encodePrettily());
    assertEquals(product.getString("slug"), names.getJsonArray("items").getJsonObject(0).getString("slug"));
    // categories (German names too) and brands
    JsonObject categories = s.suggest("q", "jack");
    assertTrue(categories.getJsonArray("items").stream().anyMatch(i -> ((JsonObject) i).getString("kind").equals("category")
      && ((JsonObject) i).getString("text").equals("Jackets")), categories.encodePrettily());
    JsonObject german = s.suggest("q", "jack", "locale", "de");
    assertTrue(german.getJsonArray("items").stream().anyMatch(i -> ((JsonObject) i).getString("text").equals("Jacken")), german.encodePrettily());
    long deadline = System.currentTimeMillis() + 10_000;
    JsonObject offered;
    boolean found;
    do {
      // the brands are refreshed after changes, within a second
      offered = s.suggest("q", brand.toLowerCase(java.util.Locale.ROOT));
      found = offered.getJsonArray("items").stream().anyMatch(i -> ((JsonObject) i).getString("kind").equals("brand")
        && ((JsonObject) i).getString("text").equals(brand));
    } while (!found && System.currentTimeMillis() < deadline);
    assertTrue(found, offered.encodePrettily());
    // from two letters, and one letter gives nothing
    assertFalse(s.suggest("q", "ze").getJsonArray("items").isEmpty());
    assertTrue(s.suggest("q", "z").getJsonArray("items").isEmpty());
    // a typo in what is typed still finds the name
    deadline = System.currentTimeMillis() + 10_000;
    JsonObject typo;
    do {
      // the known words are refreshed after changes, within a second
      typo = s.suggest("q", "zephryine");
      found = typo.getJsonArray("items").stream().anyMatch(i -> ((JsonObject) i).getString("text").equals("Zephyrine windbreaker"));
    } while (!found && System.currentTimeMillis() < deadline);
    assertTrue(found, typo.encodePrettily());
  }
}
