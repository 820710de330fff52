package io.kinetic.server;

import static io.kinetic.server.SearchShop.has;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
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

  private static SearchShop s;
  private static Vertx clientVertx;
  private static WebClient clients;

  @BeforeAll
  static void start() throws Exception {
    s = new SearchShop(RunningEngine.client());
    clientVertx = Vertx.vertx();
    clients = WebClient.create(clientVertx, new WebClientOptions().setDefaultHost("127.0.0.1")
      .setDefaultPort(RunningEngine.httpPort()), new PoolOptions().setHttp1MaxSize(60));
  }

  @AfterAll
  static void stop() {
    clientVertx.close();
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

  @Test
  void stockAndAvailabilityFollowTheCatalog() throws Exception {
    String brand = SearchShop.brand();
    JsonObject product = s.product("Thistle stock probe", brand);
    s.await(r -> has(r, product), 10_000, "q", "thistle", "filter.brand", brand, "filter.availability", "in-stock");
    s.shop.setStock(Shop.sku(product, 0), 0);
    s.await(r -> !has(r, product), 2_000, "q", "thistle", "filter.brand", brand, "filter.availability", "in-stock");
    JsonObject card = s.search("q", "thistle", "filter.brand", brand).getJsonArray("items").getJsonObject(0);
    assertFalse(card.getBoolean("available"));
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

    var done = new AtomicBoolean();
    var searches = new AtomicInteger();
    var failures = new ArrayList<String>();
    var missing = new AtomicInteger();
    var loops = new ArrayList<Future<Void>>();
    String[] queries = {"verbena", "jacket", "cotton shirt", "wool", "backpak", "", "mug"};
    for (int c = 0; c < 50; c++) {
      int client = c;
      loops.add(loop(client, queries, done, searches, failures, missing, brand));
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

  private static Future<Void> loop(int client, String[] queries, AtomicBoolean done, AtomicInteger searches,
                                   List<String> failures, AtomicInteger missing, String brand) {
    if (done.get()) {
      return Future.succeededFuture();
    }
    int n = searches.getAndIncrement();
    String q = queries[(client + n) % queries.length];
    boolean probe = q.equals("verbena");
    String path = "/api/v1/search?" + SearchShop.query("q", q) + (probe ? "&" + SearchShop.query("filter.brand", brand) : "");
    return clients.get(path).send().transform(ar -> {
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
      return loop(client, queries, done, searches, failures, missing, brand);
    });
  }
}
