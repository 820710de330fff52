package io.kinetic.catalog;

import io.kinetic.kernel.bus.Caller;
import static io.kinetic.catalog.CatalogFixture.await;
import static io.kinetic.catalog.Inputs.product;
import static io.kinetic.catalog.Inputs.variant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.contract.Contracts;
import io.kinetic.kernel.contract.catalog.CategoryChanged;
import io.kinetic.kernel.contract.catalog.CategoryList;
import io.kinetic.kernel.contract.catalog.CreateProduct;
import io.kinetic.kernel.contract.catalog.GetProduct;
import io.kinetic.kernel.contract.catalog.ListCategories;
import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.contract.catalog.ProductView;
import io.kinetic.kernel.id.Ids;
import io.kinetic.kernel.pg.Migrations;
import io.kinetic.kernel.pg.PgPools;
import io.kinetic.kernel.testing.TestServices;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalog's per-node duties with three verticle instances and a one-second cache TTL, in a
 * Vert.x and a database of their own (so that the short TTL and this deployment's outbox relay
 * touch no other test): one event listener for the node, and caches that expire without any event.
 */
class CatalogNodeTest {

  private static final String DATABASE = "catalog_node_" + Long.toString(System.nanoTime(), 36);
  private static Vertx vertx;
  private static Pool server;
  private static Pool sql;
  private static BusClient bus;

  @BeforeAll
  static void deploy() {
    vertx = Vertx.vertx();
    Contracts.register(vertx, CatalogApi.CONTRACT);
    String base = TestServices.get().pgUrl();
    var options = PgConnectOptions.fromUri(base);
    server = PgPools.create(vertx, base, 1, "public");
    await(server.query("CREATE DATABASE " + DATABASE).execute());
    String url = PgPools.url(options.getHost(), options.getPort(), DATABASE, options.getUser(), options.getPassword());
    await(Migrations.migrate(vertx, url, CatalogModule.SCHEMA));
    sql = PgPools.create(vertx, url, 2, CatalogModule.SCHEMA);
    AppConfig config = TestServices.get().config(new JsonObject()
      .put("pg", new JsonObject().put("url", url))
      .put("catalog", new JsonObject().put("instances", 3).put("cacheTtlSeconds", 1)));
    await(new CatalogModule().deploy(vertx, config));
    bus = new BusClient(vertx, 10_000);
  }

  @AfterAll
  static void drop() {
    await(vertx.close());
    Vertx admin = Vertx.vertx();
    Pool pool = PgPools.create(admin, TestServices.get().pgUrl(), 1, "public");
    await(pool.query("DROP DATABASE " + DATABASE + " WITH (FORCE)").execute());
    await(admin.close());
  }

  @Test
  void oneListenerPerNodeHandlesEachEvent() throws Exception {
    var deliveries = new AtomicInteger();
    vertx.eventBus().addInboundInterceptor(ctx -> {
      if (ctx.message().address().equals(CatalogApi.Events.CATEGORY_CHANGED)) {
        deliveries.incrementAndGet();
      }
      ctx.next();
    });
    UUID id = Ids.newId();
    await(sql.preparedQuery("INSERT INTO category (id, slug, names) VALUES ($1, $2, '{\"en\":\"Node\"}')")
      .execute(Tuple.of(id, "node-" + id)));
    vertx.eventBus().publish(CatalogApi.Events.CATEGORY_CHANGED, new CategoryChanged(Ids.newId(), Instant.now(), id, false, 1));
    for (int i = 0; i < 100 && !listed(id); i++) {
      Thread.sleep(10);
    }
    assertTrue(listed(id), "the listener reloaded the tree");
    // every delivery was queued when the event was published; give the other event loops a moment to show theirs
    Thread.sleep(300);
    assertEquals(1, deliveries.get(), "three catalog instances, one listener on this node");
  }

  @Test
  void cachedProductsAndTheCategoryTreeExpireWithoutAnyEvent() throws Exception {
    Product p = await(bus.request(CatalogApi.CREATE_PRODUCT, new CreateProduct(product(DATABASE.replace('_', '-'), "Before", null,
      List.of(variant(DATABASE, 100, 1)))), Caller.SYSTEM));
    assertEquals("Before", name(p.id()));
    await(sql.preparedQuery(
        "UPDATE product SET translations = jsonb_set(translations, '{en,name}', '\"After\"') WHERE id = $1")
      .execute(Tuple.of(p.id())));
    assertEquals("Before", name(p.id()), "cached: the change behind the service's back is not seen yet");
    UUID category = Ids.newId();
    await(sql.preparedQuery("INSERT INTO category (id, slug, names) VALUES ($1, $2, '{\"en\":\"Quiet\"}')")
      .execute(Tuple.of(category, "quiet-" + category)));

    long deadline = System.currentTimeMillis() + 10_000;
    while ((!"After".equals(name(p.id())) || !listed(category)) && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertEquals("After", name(p.id()), "the cached product expired after the TTL");
    assertTrue(listed(category), "the category tree was reloaded after the TTL");
  }

  private static String name(UUID id) {
    ProductView view = await(bus.request(CatalogApi.GET_PRODUCT, new GetProduct(id, "en", false), Caller.SYSTEM));
    return view.name();
  }

  private static boolean listed(UUID category) {
    CategoryList list = await(bus.request(CatalogApi.LIST_CATEGORIES, new ListCategories("en", null), Caller.SYSTEM));
    return list.items().stream().anyMatch(c -> c.id().equals(category));
  }
}
