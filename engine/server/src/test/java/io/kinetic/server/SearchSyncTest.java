package io.kinetic.server;

import static io.kinetic.server.SearchShop.has;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.pg.PgPools;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The index follows the catalog through its event log: drafts are never found (and publishing
 * shows them), a price change is visible within a second, a deleted product disappears, and a full
 * rebuild runs while 50 clients search without one failing.
 */
// creates products: never while StorefrontBrowserTest compares the home page with the API
@ResourceLock(value = "storefront-catalogue", mode = ResourceAccessMode.READ)
class SearchSyncTest {

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

  /**
   * How soon a stock change must show: 2 s on PostgreSQL; another backend adds its own write (and
   * refresh) after the projection's commit, which a loaded 2-core test machine can stretch.
   */
  long stockMillis() {
    return 2_000;
  }

  /** The HTTP port of the engine searched. */
  int port() throws Exception {
    return RunningEngine.httpPort();
  }

  @Test
  void anUnpublishedProductIsNeverFoundUntilPublished() throws Exception {
    String brand = SearchShop.brand();
    JsonObject visible = s.product("Larkspur visible lamp", brand);
    JsonObject draft = s.product("Larkspur hidden lamp", null, "Secret.", brand, "decor", "DRAFT", 2500, 3, Map.of());
    JsonObject marker = s.product("Larkspur marker", brand);
    // once the product created after the draft is searchable, the draft's event was applied too
    s.await(r -> has(r, marker), 10_000, "q", "larkspur", "filter.brand", brand);
    JsonObject result = s.search("q", "larkspur hidden", "filter.brand", brand);
    assertFalse(has(result, draft), result.encodePrettily());
    assertTrue(has(s.search("q", "larkspur"), visible));
    assertFalse(has(s.search("q", "larkspur"), draft));
    assertFalse(has(s.search("filter.brand", brand), draft));
    JsonObject suggestions = s.suggest("q", "larkspur hid");
    assertTrue(suggestions.getJsonArray("items").stream().noneMatch(i -> ((JsonObject) i).getString("text").contains("hidden")),
      suggestions.encodePrettily());

    JsonObject published = draft.copy().put("status", "PUBLISHED");
    for (String field : List.of("id", "createdAt", "updatedAt")) {
      published.remove(field);
    }
    published.getJsonArray("variants").forEach(v -> {
      ((JsonObject) v).remove("id");
      ((JsonObject) v).remove("available");
    });
    var updated = s.http.put("/api/v1/admin/products/" + draft.getString("id")).bearerTokenAuthentication(s.shop.staffToken())
      .sendJsonObject(published).await(10, TimeUnit.SECONDS);
    assertEquals(200, updated.statusCode(), updated.bodyAsString());
    s.await(r -> has(r, draft), 10_000, "q", "larkspur hidden", "filter.brand", brand);
  }

  @Test
  void aPriceChangeIsSearchableWithinASecond() throws Exception {
    String brand = SearchShop.brand();
    JsonObject product = s.product("Sorrel price probe", brand);
    s.await(r -> has(r, product), 10_000, "q", "sorrel", "filter.brand", brand);
    s.shop.setPrice(Shop.sku(product, 0), 123_400);
    var seen = s.await(r -> has(r, product) && r.getJsonArray("items").getJsonObject(0).getJsonObject("priceMin").getLong("amount") == 123_400,
      1_000, "q", "sorrel", "filter.brand", brand);
    // and the price facet and filter follow
    assertEquals(1, SearchShop.count(seen.result(), "price", "20000-"));
    assertTrue(has(s.search("q", "sorrel", "filter.brand", brand, "minPrice", "100000"), product));
    assertFalse(has(s.search("q", "sorrel", "filter.brand", brand, "maxPrice", "5000"), product));
  }

  /**
   * A price change of a product that cached searches match but do not list: their price facet
   * counts follow within a second (the kept answer's count moves from one bucket to another), with
   * and without another filter, while their page and total stay; ordered by price, the product
   * moving onto the page shows there.
   */
  @Test
  void aPriceChangeOfAMatchedProductNotListedMovesItsPriceBucketWithinASecond() throws Exception {
    String brand = SearchShop.brand();
    String word = "qzedgewort";
    JsonObject older = s.product("Qzedgewort bucket probe", null, "A fine thing.", brand, "jackets", "PUBLISHED", 1000, 5, Map.of());
    JsonObject newer = s.product("Qzedgewort bucket marker", null, "A fine thing.", brand, "jackets", "PUBLISHED", 3000, 5, Map.of());
    String[][] searches = {
      {"q", word, "sort", "newest", "pageSize", "1"},
      {"q", word, "sort", "newest", "pageSize", "1", "filter.brand", brand},
      {"q", word, "sort", "price_asc", "pageSize", "1"}};
    for (String[] params : searches) {
      s.await(r -> r.getLong("total") == 2 && SearchShop.count(r, "price", "0-2000") == 1, 10_000, params);
    }
    assertTrue(has(s.search(searches[0]), newer));
    assertTrue(has(s.search(searches[2]), older), "the cheaper first");
    s.shop.setPrice(Shop.sku(older, 0), 15_000);
    // a second on PostgreSQL; another backend's own write and refresh come on top (as for stock)
    long within = getClass() == SearchSyncTest.class ? 1_000 : stockMillis();
    for (String[] params : searches) {
      var seen = s.await(r -> SearchShop.count(r, "price", "10000-20000") == 1, within, params);
      assertEquals(0, SearchShop.count(seen.result(), "price", "0-2000"), seen.result().encodePrettily());
      assertEquals(1, SearchShop.count(seen.result(), "price", "2000-5000"), seen.result().encodePrettily());
      assertEquals(2, seen.result().getLong("total"));
      assertEquals(1, seen.result().getJsonArray("items").size());
    }
    assertTrue(has(s.search(searches[0]), newer));
    assertTrue(has(s.search(searches[2]), newer), "now the cheaper");
  }

  /**
   * What the change log says a write of a product changed (V4's triggers, fired at once in a
   * transaction that is rolled back): its price, its units, or its vectors computed again (the
   * category words may come in another order) are changes of that product alone; its name is a
   * change of everything.
   */
  @Test
  void theChangeLogTellsAProductsPriceAndUnitsFromAChangeOfEverything() throws Exception {
    JsonObject product = postgresProbe("Teasel log probe", "teasel").product();
    UUID id = UUID.fromString(product.getString("id"));
    Vertx vertx = Vertx.vertx();
    Pool search = PgPools.create(vertx, RunningEngine.pgUrl(), 1, "search");
    try {
      List<String> own = logged(search, id, List.of(
        "UPDATE document SET version = version + 1, indexed_at = clock_timestamp(), variants = variants || '{\"extra\": {\"a\": 1, \"s\": 0}}' WHERE product_id = $1",
        "UPDATE price SET min_amount = min_amount + 1, max_amount = max_amount + 1 WHERE product_id = $1 AND currency = 'EUR'",
        "UPDATE document SET vector_en = setweight(vector_en, 'D'), vector_de = setweight(vector_de, 'D'), folded = folded || ' ' WHERE product_id = $1"));
      assertEquals(List.of("EUR", "card"), own);
      assertEquals(List.of("everything"), logged(search, id, List.of(
        "UPDATE document SET names = names || '{\"en\": \"Teasel renamed\"}' WHERE product_id = $1")));
    } finally {
      search.close().await(10, TimeUnit.SECONDS);
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /**
   * A new product of a brand of its own, once a search for {@code word} finds it; only for this
   * class's engine (the PostgreSQL backend's projection is written directly by these tests).
   */
  private Probe postgresProbe(String name, String word) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(getClass() == SearchSyncTest.class,
      "the PostgreSQL backend's projection is written directly here: not for another backend's engine");
    String brand = SearchShop.brand();
    JsonObject product = s.product(name, brand);
    s.await(r -> has(r, product), 10_000, "q", word, "filter.brand", brand);
    return new Probe(product, brand);
  }

  private record Probe(JsonObject product, String brand) {
  }

  /** The kinds of the rows the statements log (card, a currency, or everything), sorted; rolled back. */
  private static List<String> logged(Pool search, UUID id, List<String> statements) throws Exception {
    var kinds = new ArrayList<String>();
    search.withConnection(c -> c.query("BEGIN").execute()
      .compose(v -> {
        Future<?> chain = Future.succeededFuture();
        for (String sql : statements) {
          chain = chain.compose(x -> c.preparedQuery(sql).execute(Tuple.of(id)));
        }
        return chain;
      })
      .compose(v -> c.query("SET CONSTRAINTS ALL IMMEDIATE").execute())
      .compose(v -> c.query("SELECT product_id, currency, card FROM change_log"
        + " WHERE version = split_part(current_setting('kinetic.search_bumped'), ':', 2)::bigint").execute())
      .map(rows -> {
        rows.forEach(row -> kinds.add(row.getUUID("product_id") == null ? "everything"
          : row.getBoolean("card") ? "card" : row.getString("currency")));
        return null;
      })
      .eventually(() -> c.query("ROLLBACK").execute()))
      .await(20, TimeUnit.SECONDS);
    kinds.sort(null);
    return kinds;
  }

  /**
   * Answers are cached until the index changes; a change another node commits (here: a write to
   * the search schema this node's consumer never saw) retires them within a second too, through
   * the database's change version.
   */
  @Test
  void aChangeAnotherNodeCommitsRetiresCachedAnswersWithinASecond() throws Exception {
    Probe probe = postgresProbe("Tansy cache probe", "tansy");
    JsonObject product = probe.product();
    String brand = probe.brand();
    JsonObject before = s.search("q", "tansy", "filter.brand", brand);
    assertEquals(1, before.getInteger("total"), before.encodePrettily());
    Vertx vertx = Vertx.vertx();
    Pool search = PgPools.create(vertx, RunningEngine.pgUrl(), 1, "search");
    try {
      search.preparedQuery("UPDATE price SET min_amount = 777700, max_amount = 777700 WHERE product_id = $1")
        .execute(Tuple.of(UUID.fromString(product.getString("id")))).await(10, TimeUnit.SECONDS);
      s.await(r -> r.getJsonArray("items").getJsonObject(0).getJsonObject("priceMin").getLong("amount") == 777_700,
        1_000, "q", "tansy", "filter.brand", brand);
    } finally {
      search.close().await(10, TimeUnit.SECONDS);
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void stockAndAvailabilityFollowTheCatalog() throws Exception {
    String brand = SearchShop.brand();
    JsonObject product = s.product("Thistle stock probe", brand);
    s.await(r -> has(r, product), 10_000, "q", "thistle", "filter.brand", brand, "filter.availability", "in-stock");
    s.shop.setStock(Shop.sku(product, 0), 0);
    s.await(r -> !has(r, product), stockMillis(), "q", "thistle", "filter.brand", brand, "filter.availability", "in-stock");
    JsonObject card = s.search("q", "thistle", "filter.brand", brand).getJsonArray("items").getJsonObject(0);
    assertFalse(card.getBoolean("available"));
  }

  /** Carts holding every unit sell a product out in search; a unit let go brings it back. */
  @Test
  void reservationsMoveAProductInAndOutOfStockInSearch() throws Exception {
    String brand = SearchShop.brand();
    JsonObject product = s.product("Sorrel reserve probe", brand);
    String variant = Shop.variantId(product, 0);
    s.await(r -> has(r, product), 10_000, "q", "sorrel", "filter.brand", brand, "filter.availability", "in-stock");
    var some = s.shop.add(null, variant, 2);
    assertEquals(201, some.statusCode(), some.bodyAsString());
    var all = s.shop.add(null, variant, 3);
    assertEquals(201, all.statusCode(), all.bodyAsString());
    s.await(r -> !has(r, product), stockMillis() + 3_000, "q", "sorrel", "filter.brand", brand, "filter.availability", "in-stock");
    var released = s.http.delete("/api/v1/cart/lines/" + variant).putHeader("X-Cart-Token", all.getHeader("X-Cart-Token"))
      .send().await(10, TimeUnit.SECONDS);
    assertEquals(200, released.statusCode(), released.bodyAsString());
    s.await(r -> has(r, product), stockMillis() + 3_000, "q", "sorrel", "filter.brand", brand, "filter.availability", "in-stock");
  }

  @Test
  void aDeletedProductDisappears() throws Exception {
    String brand = SearchShop.brand();
    JsonObject product = s.product("Yarrow doomed vase", brand);
    s.await(r -> has(r, product), 10_000, "q", "yarrow", "filter.brand", brand);
    var deleted = s.http.delete("/api/v1/admin/products/" + product.getString("id")).bearerTokenAuthentication(s.shop.staffToken())
      .send().await(10, TimeUnit.SECONDS);
    assertEquals(204, deleted.statusCode(), deleted.bodyAsString());
    s.await(r -> !has(r, product), 2_000, "q", "yarrow", "filter.brand", brand);
    assertEquals(0, s.search("filter.brand", brand).getLong("total"));
  }

  @Test
  void aRebuildRunsWhileFiftyClientsSearch() throws Exception {
    String brand = SearchShop.brand();
    JsonObject product = s.product("Verbena rebuild probe", brand);
    s.await(r -> has(r, product), 10_000, "q", "verbena", "filter.brand", brand);
    var started = s.http.post("/api/v1/admin/search/reindex").bearerTokenAuthentication(s.shop.staffToken())
      .send().await(10, TimeUnit.SECONDS);
    assertEquals(202, started.statusCode(), started.bodyAsString());

    // the 50 clients' own Vert.x: another backend's class runs these cases at the same time
    Vertx clientVertx = Vertx.vertx();
    WebClient clients = WebClient.create(clientVertx, new WebClientOptions().setDefaultHost("127.0.0.1")
      .setDefaultPort(port()), new PoolOptions().setHttp1MaxSize(60));
    var done = new AtomicBoolean();
    var searches = new AtomicInteger();
    var failures = new ArrayList<String>();
    var missing = new AtomicInteger();
    var loops = new ArrayList<Future<Void>>();
    String[] queries = {"verbena", "jacket", "cotton shirt", "wool", "backpak", "", "mug"};
    for (int c = 0; c < 50; c++) {
      int client = c;
      loops.add(loop(clients, port(), client, queries, done, searches, failures, missing, brand));
    }
    long deadline = System.currentTimeMillis() + 60_000;
    JsonObject status;
    do {
      TimeUnit.MILLISECONDS.sleep(50);
      status = s.http.get("/api/v1/admin/search/reindex").bearerTokenAuthentication(s.shop.staffToken())
        .send().await(10, TimeUnit.SECONDS).bodyAsJsonObject();
    } while (status.getBoolean("running") && System.currentTimeMillis() < deadline);
    // a few more rounds after the swap of rows is complete
    TimeUnit.MILLISECONDS.sleep(200);
    done.set(true);
    Future.all(loops).await(60, TimeUnit.SECONDS);
    clientVertx.close();
    assertFalse(status.getBoolean("running"), status.encodePrettily());
    assertEquals(null, status.getString("error"), status.encodePrettily());
    assertTrue(status.getLong("indexed") >= 40, status.encodePrettily());
    synchronized (failures) {
      assertEquals(List.of(), failures);
    }
    assertTrue(searches.get() >= 50, "searches: " + searches.get());
    assertEquals(0, missing.get(), "searches that lost the probe product during the rebuild");
    assertTrue(has(s.search("q", "verbena", "filter.brand", brand), product));
  }

  private static Future<Void> loop(WebClient clients, int port, int client, String[] queries, AtomicBoolean done, AtomicInteger searches,
                                   List<String> failures, AtomicInteger missing, String brand) {
    if (done.get()) {
      return Future.succeededFuture();
    }
    int n = searches.getAndIncrement();
    String q = queries[(client + n) % queries.length];
    boolean probe = q.equals("verbena");
    String path = "/api/v1/search?" + SearchShop.query("q", q) + (probe ? "&" + SearchShop.query("filter.brand", brand) : "");
    return clients.get(port, "127.0.0.1", path).send().transform(ar -> {
      if (ar.failed()) {
        synchronized (failures) {
          failures.add(q + ": " + ar.cause());
        }
      } else {
        HttpResponse<Buffer> r = ar.result();
        if (r.statusCode() != 200) {
          synchronized (failures) {
            failures.add(q + ": " + r.statusCode() + " " + r.bodyAsString());
          }
        } else if (probe && r.bodyAsJsonObject().getLong("total") != 1) {
          missing.incrementAndGet();
        }
      }
      return loop(clients, port, client, queries, done, searches, failures, missing, brand);
    });
  }
}
