package io.kinetic.gateway.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kinetic.gateway.GatewayFixture;
import io.kinetic.gateway.Samples;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.GetProductBySlug;
import io.kinetic.kernel.contract.catalog.ListCategories;
import io.kinetic.kernel.contract.catalog.CategoryList;
import io.kinetic.kernel.contract.catalog.PriceChanged;
import io.kinetic.kernel.contract.catalog.StockChanged;
import io.kinetic.kernel.id.Ids;
import io.kinetic.kernel.money.Money;
import io.kinetic.kernel.testing.Eventually;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shop's GraphQL result cache: the same anonymous product query is answered once from the
 * catalog, until a catalog event about that product retires it; requests with a token and queries
 * with a root field that is not cacheable always run.
 */
class ShopResultCacheTest {

  private static final String QUERY = "query($s:String!){productBySlug(slug:$s){id slug variants{sku available}}}";
  private static GatewayFixture gw;
  private static final UUID PRODUCT = UUID.randomUUID();
  private static final AtomicLong stock = new AtomicLong(3);

  @BeforeAll
  static void start() throws Exception {
    // one gateway instance: the cache is per instance, and the test counts the catalog's calls
    gw = GatewayFixture.start(new JsonObject().put("http", new JsonObject().put("instances", 1)));
    gw.bus.<GetProductBySlug>on(CatalogApi.GET_PRODUCT_BY_SLUG, q -> Samples.view(PRODUCT, q.slug(), q.locale(), List.of()));
    gw.bus.<ListCategories>on(CatalogApi.LIST_CATEGORIES, q -> new CategoryList(List.of()));
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  @Test
  void theSameAnonymousQueryRunsOnceUntilAnEventAboutItsProduct() throws Exception {
    String slug = "cached-" + UUID.randomUUID();
    int before = gw.bus.count(CatalogApi.GET_PRODUCT_BY_SLUG);
    JsonObject first = query(slug, null);
    assertEquals(first, query(slug, null));
    assertEquals(first, query(slug, null));
    assertEquals(before + 1, gw.bus.count(CatalogApi.GET_PRODUCT_BY_SLUG), "answered from the cache");

    gw.vertx.eventBus().publish(CatalogApi.Events.STOCK_CHANGED, new StockChanged(Ids.newId(), Instant.now(), UUID.randomUUID(),
      UUID.randomUUID(), "OTHER", 1, 2, null));
    query(slug, null);
    assertEquals(before + 1, gw.bus.count(CatalogApi.GET_PRODUCT_BY_SLUG), "another product's event changes nothing");

    gw.vertx.eventBus().publish(CatalogApi.Events.PRICE_CHANGED, new PriceChanged(Ids.newId(), Instant.now(), PRODUCT,
      UUID.randomUUID(), "SKU", Money.of(100, "EUR"), 2));
    Eventually.until("the product's event retires the result", () -> {
      query(slug, null);
      return gw.bus.count(CatalogApi.GET_PRODUCT_BY_SLUG) == before + 2;
    });
  }

  @Test
  void requestsWithATokenOrAFieldThatIsNotCacheableAlwaysRun() throws Exception {
    String slug = "uncached-" + UUID.randomUUID();
    String token = gw.customerToken(UUID.randomUUID());
    int before = gw.bus.count(CatalogApi.GET_PRODUCT_BY_SLUG);
    query(slug, token);
    query(slug, token);
    assertEquals(before + 2, gw.bus.count(CatalogApi.GET_PRODUCT_BY_SLUG), "a customer's request is not shared");

    var mixed = gw.graphql("/graphql", null,
      "query($s:String!){productBySlug(slug:$s){id} __typename}", new JsonObject().put("s", slug));
    gw.graphql("/graphql", null, "query($s:String!){productBySlug(slug:$s){id} __typename}", new JsonObject().put("s", slug));
    assertEquals(200, mixed.statusCode());
    assertEquals(before + 4, gw.bus.count(CatalogApi.GET_PRODUCT_BY_SLUG), "__typename at the root is not a cacheable field");
  }

  private static JsonObject query(String slug, String token) throws Exception {
    var response = gw.graphql("/graphql", token, QUERY, new JsonObject().put("s", slug));
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }
}
