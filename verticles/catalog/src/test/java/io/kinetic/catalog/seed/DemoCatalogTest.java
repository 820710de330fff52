package io.kinetic.catalog.seed;

import io.kinetic.kernel.bus.Caller;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.catalog.CatalogModule;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.contract.Contracts;
import io.kinetic.kernel.contract.catalog.CategoryList;
import io.kinetic.kernel.contract.catalog.CategoryView;
import io.kinetic.kernel.contract.catalog.GetProduct;
import io.kinetic.kernel.contract.catalog.ListCategories;
import io.kinetic.kernel.contract.catalog.ListProducts;
import io.kinetic.kernel.contract.catalog.ProductPage;
import io.kinetic.kernel.contract.catalog.ProductSort;
import io.kinetic.kernel.contract.catalog.ProductView;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.pg.Migrations;
import io.kinetic.kernel.pg.PgPools;
import io.kinetic.kernel.testing.TestServices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Seeding runs against a database of its own (created and dropped here): it deletes and counts
 * whole tables, which the shared test database must never see.
 */
class DemoCatalogTest {

  private final String database = "catalog_seed_" + Long.toString(System.nanoTime(), 36);
  private Vertx vertx;
  private Pool server;
  private Pool pool;
  private String url;

  @BeforeEach
  void createDatabase() {
    vertx = Vertx.vertx();
    Contracts.register(vertx, CatalogApi.CONTRACT);
    String base = TestServices.get().pgUrl();
    var options = PgConnectOptions.fromUri(base);
    server = PgPools.create(vertx, base, 1, "public");
    await(server.query("CREATE DATABASE " + database).execute());
    url = PgPools.url(options.getHost(), options.getPort(), database, options.getUser(), options.getPassword());
    await(Migrations.migrate(vertx, url, CatalogModule.SCHEMA));
    pool = PgPools.create(vertx, url, 4, CatalogModule.SCHEMA);
  }

  @AfterEach
  void dropDatabase() {
    await(pool.close());
    await(server.query("DROP DATABASE " + database + " WITH (FORCE)").execute());
    await(vertx.close());
  }

  @Test
  void seedsADeterministicCatalogueOnceAndServesIt() {
    var progress = new CopyOnWriteArrayList<Integer>();
    assertEquals(2_500, await(DemoCatalog.seedIfEmpty(vertx, pool, 2_500, progress::add)));
    assertEquals(List.of(1_000, 2_000, 2_500), progress);
    assertEquals(2_500L, count("SELECT count(*) FROM product"));
    assertTrue(count("SELECT count(*) FROM category") >= 20);
    assertTrue(count("SELECT count(*) FROM category WHERE parent_id IS NULL") >= 6);
    assertEquals(5L, count("SELECT count(*) FROM attribute"));
    assertEquals(0L, count("SELECT count(*) FROM product WHERE NOT (translations ? 'en' AND translations ? 'de')"));
    assertEquals(0L, count("SELECT count(*) FROM (SELECT product_id FROM variant GROUP BY product_id"
      + " HAVING count(*) NOT BETWEEN 1 AND 12) x"));
    // real option matrices: products with several sizes and several colours, and gaps in them
    assertTrue(count("SELECT count(*) FROM (SELECT product_id FROM variant GROUP BY product_id"
      + " HAVING count(DISTINCT options->>'size') > 1 AND count(DISTINCT options->>'colour') > 1"
      + " AND count(*) < count(DISTINCT options->>'size') * count(DISTINCT options->>'colour')) x") > 50,
      "matrices with missing combinations");
    assertEquals(2 * 2_500L, count("SELECT count(*) FROM product_min_price"), "an EUR and a USD min price each");
    assertEquals(0L, count("SELECT count(*) FROM product WHERE media->0->>'url' <> '/media/placeholder/' || slug || '-1.svg'"));
    assertEquals(0L, count("SELECT count(*) FROM outbox"), "a bulk load writes no events");
    long published = count("SELECT count(*) FROM product WHERE status = 'PUBLISHED'");
    assertTrue(published > 2_500 * 0.85 && published < 2_500 * 0.95, "about 90 % published: " + published);
    assertTrue(count("SELECT count(*) FROM variant WHERE stock_on_hand = 0") > 0);
    Set<String> slugs = slugs();

    assertEquals(0, await(DemoCatalog.seedIfEmpty(vertx, pool, 2_500, n -> { })), "not empty any more");
    assertEquals(1_200, await(DemoCatalog.reseed(vertx, pool, 1_200, n -> { })));
    assertEquals(1_200L, count("SELECT count(*) FROM product"));
    assertTrue(slugs.containsAll(slugs()), "the same generator makes the same products");
  }

  @Test
  void enginesStartingTogetherOnAnEmptyDatabaseSeedOnce() {
    var other = PgPools.create(vertx, url, 4, CatalogModule.SCHEMA);
    try {
      List<Future<Integer>> starts = List.of(
        DemoCatalog.seedIfEmpty(vertx, pool, 1_500, n -> { }),
        DemoCatalog.seedIfEmpty(vertx, other, 1_500, n -> { }),
        DemoCatalog.seedIfEmpty(vertx, pool, 1_500, n -> { }));
      await(Future.all(starts));
      assertEquals(List.of(0, 0, 1_500), starts.stream().map(Future::result).sorted().toList(),
        "one start seeds, the others wait and find the catalogue filled");
      assertEquals(1_500L, count("SELECT count(*) FROM product"));
      assertEquals(0L, count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
        + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"), "the lock is released");
    } finally {
      await(other.close());
    }
  }

  @Test
  void theVerticleServesTheSeededCatalogueAndStopsCleanly() {
    await(DemoCatalog.seedIfEmpty(vertx, pool, 300, n -> { }));
    AppConfig config = TestServices.get().config(new JsonObject().put("pg", new JsonObject().put("url", url)));
    String deployment = await(new CatalogModule().deploy(vertx, config));
    var bus = new BusClient(vertx, 5_000);

    UUID id = await(pool.query("SELECT id FROM product WHERE status = 'PUBLISHED' LIMIT 1").execute())
      .iterator().next().getUUID("id");
    ProductView product = await(bus.request(CatalogApi.GET_PRODUCT, new GetProduct(id, "de", false), Caller.SYSTEM));
    assertEquals("de", product.locale());
    assertTrue(product.name().contains(" aus "), product.name());
    assertTrue(product.attributes().get("weight") instanceof Map<?, ?> weight && "g".equals(weight.get("unit")));

    CategoryList categories = await(bus.request(CatalogApi.LIST_CATEGORIES, new ListCategories("de", null), Caller.SYSTEM));
    CategoryView clothing = categories.items().stream().filter(c -> c.slug().equals("clothing")).findFirst().orElseThrow();
    assertEquals("Kleidung", clothing.name());
    ProductPage page = await(bus.request(CatalogApi.LIST_PRODUCTS,
      new ListProducts(clothing.id(), null, null, null, "EUR", ProductSort.PRICE_ASC, null, 10, "en", null), Caller.SYSTEM));
    assertEquals(10, page.items().size());

    await(vertx.undeploy(deployment));
    Failure gone = (Failure) assertThrowsCause(bus.request(CatalogApi.GET_PRODUCT, new GetProduct(id, "de", false), Caller.SYSTEM));
    assertEquals(ErrorCode.SERVICE_UNAVAILABLE, gone.errorCode());
  }

  /** Seeds the full benchmark catalogue; run with -Dcatalog.seed.large=100000 to time it. */
  @Test
  @EnabledIfSystemProperty(named = "catalog.seed.large", matches = "\\d+")
  void seedsALargeCatalogueQuickly() {
    int n = Integer.parseInt(System.getProperty("catalog.seed.large"));
    long start = System.nanoTime();
    assertEquals(n, await(DemoCatalog.seedIfEmpty(vertx, pool, n, done -> { })));
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    System.out.println("seeded " + n + " products in " + seconds + " s");
    assertEquals((long) n, count("SELECT count(*) FROM product"));
  }

  private long count(String sql) {
    return await(pool.query(sql).execute()).iterator().next().getLong(0);
  }

  private Set<String> slugs() {
    var out = new HashSet<String>();
    for (Row row : await(pool.query("SELECT slug FROM product").execute())) {
      out.add(row.getString(0));
    }
    return out;
  }

  private static Throwable assertThrowsCause(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    throw new AssertionError("expected a failure");
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(300, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
