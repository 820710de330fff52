package io.kinetic.catalog;

import static io.kinetic.catalog.Inputs.product;
import static io.kinetic.catalog.Inputs.variant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.StockChanged;
import io.kinetic.kernel.contract.catalog.StockLine;
import io.kinetic.kernel.contract.catalog.GetVariants;
import io.kinetic.kernel.contract.catalog.ReleaseStock;
import io.kinetic.kernel.contract.catalog.VariantList;
import io.kinetic.kernel.contract.catalog.VariantSummary;
import io.kinetic.kernel.contract.catalog.AllocateStock;
import io.kinetic.kernel.contract.catalog.CreateProduct;
import io.kinetic.kernel.contract.catalog.GetProduct;
import io.kinetic.kernel.contract.catalog.GetProductBySlug;
import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.contract.catalog.ProductUpdated;
import io.kinetic.kernel.contract.catalog.ProductView;
import io.kinetic.kernel.contract.catalog.SetStock;
import io.kinetic.kernel.contract.catalog.UpdateProduct;
import io.kinetic.kernel.contract.catalog.CategoryChanged;
import io.kinetic.kernel.contract.catalog.CategoryList;
import io.kinetic.kernel.contract.catalog.ListCategories;
import io.kinetic.kernel.contract.catalog.ProductDeleted;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.id.Ids;
import io.kinetic.kernel.testing.Eventually;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CacheTest {

  private final CatalogFixture f = CatalogFixture.get();
  private final String u = CatalogFixture.unique();

  @Test
  void theNextReadAfterAWriteSeesTheWrite() {
    Product p = f.call(CatalogApi.CREATE_PRODUCT, new CreateProduct(product("cached-" + u, "Before", null,
      List.of(variant("CA-" + u, 100, 1)))));
    for (int i = 0; i < 3; i++) {
      assertEquals("Before", f.<ProductView>call(CatalogApi.GET_PRODUCT, new GetProduct(p.id(), "en", false)).name());
    }
    f.call(CatalogApi.UPDATE_PRODUCT, new UpdateProduct(p.id(), 1, product("cached-" + u, "After", null,
      List.of(variant("CA-" + u, 100, 1)))));
    assertEquals("After", f.<ProductView>call(CatalogApi.GET_PRODUCT, new GetProduct(p.id(), "en", false)).name());
    f.call(CatalogApi.SET_STOCK, new SetStock("CA-" + u, 9));
    assertEquals(9, f.<ProductView>call(CatalogApi.GET_PRODUCT, new GetProduct(p.id(), "en", false))
      .variants().get(0).stockOnHand());
    assertEquals(9, f.<ProductView>call(CatalogApi.GET_PRODUCT_BY_SLUG, new GetProductBySlug("cached-" + u, "en", false))
      .variants().get(0).stockOnHand());
  }

  @Test
  void hotReadsComeFromTheCacheUntilAnEventInvalidatesThem() throws Exception {
    Product p = f.call(CatalogApi.CREATE_PRODUCT, new CreateProduct(product("hot-" + u, "Cached name", null,
      List.of(variant("HO-" + u, 100, 1)))));
    assertEquals("Cached name", f.<ProductView>call(CatalogApi.GET_PRODUCT, new GetProduct(p.id(), "en", false)).name());

    // a change behind the service's back (as another node's write would be) is invisible to a cached read
    CatalogFixture.await(f.sql.preparedQuery(
        "UPDATE product SET translations = jsonb_set(translations, '{en,name}', '\"Changed elsewhere\"') WHERE id = $1")
      .execute(Tuple.of(p.id())));
    assertEquals("Cached name", f.<ProductView>call(CatalogApi.GET_PRODUCT, new GetProduct(p.id(), "en", false)).name());

    // ... until the other node's event arrives on the bus
    f.vertx.eventBus().publish(CatalogApi.Events.PRODUCT_UPDATED,
      new ProductUpdated(Ids.newId(), Instant.now(), p.id(), p.slug(), p.slug(), p.version() + 1));
    Eventually.value("the cached product evicted by the event",
      () -> f.<ProductView>call(CatalogApi.GET_PRODUCT, new GetProduct(p.id(), "en", false)).name(), "Changed elsewhere"::equals);
  }

  /**
   * An order's allocation changes the cached product in place (no read from the database: a change
   * made behind the service's back stays unseen), its own event arriving later changes nothing, an
   * older figure arriving late is ignored, and a stock event without a sequence drops the product.
   */
  @Test
  void anAllocationsStockIsTakenInPlaceAndLateOrOlderEventsChangeNothing() throws Exception {
    Product p = f.call(CatalogApi.CREATE_PRODUCT, new CreateProduct(product("in-place-" + u, "Cached name", null,
      List.of(variant("IP-" + u, 100, 10)))));
    UUID variant = p.variants().get(0).id();
    renameBehindTheCache(p.id(), () -> f.<ProductView>call(CatalogApi.GET_PRODUCT, new GetProduct(p.id(), "en", false)).name());

    f.call(CatalogApi.ALLOCATE_STOCK, new AllocateStock(UUID.randomUUID(), List.of(new StockLine(variant, 3))));
    ProductView after = f.call(CatalogApi.GET_PRODUCT, new GetProduct(p.id(), "en", false));
    assertEquals(7, after.variants().get(0).stockOnHand(), "the allocation is seen at once");
    assertEquals("Cached name", after.name(), "taken in place, not read again");
    long seq = CatalogFixture.await(f.sql.preparedQuery("SELECT stock_seq FROM variant WHERE id = $1").execute(Tuple.of(variant)))
      .iterator().next().getLong(0);
    Eventually.until("the allocation's event relayed", () -> CatalogFixture.await(f.sql.preparedQuery(
        "SELECT count(*) FROM outbox WHERE aggregate_id = $1 AND event_type = 'catalog.stock-changed' AND position IS NULL")
      .execute(Tuple.of(p.id().toString()))).iterator().next().getLong(0) == 0);

    // an older figure (the product's creation's stock, say) arriving late
    f.vertx.eventBus().publish(CatalogApi.Events.STOCK_CHANGED,
      new StockChanged(Ids.newId(), Instant.now(), p.id(), variant, "IP-" + u, 10, p.version(), seq - 1));
    Thread.sleep(200);
    after = f.call(CatalogApi.GET_PRODUCT, new GetProduct(p.id(), "en", false));
    assertEquals(7, after.variants().get(0).stockOnHand());
    assertEquals("Cached name", after.name());

    // a figure that does not say its sequence drops the product: it is read again
    f.vertx.eventBus().publish(CatalogApi.Events.STOCK_CHANGED,
      new StockChanged(Ids.newId(), Instant.now(), p.id(), variant, "IP-" + u, 7, p.version(), null));
    Eventually.value("the product read again", () -> f.<ProductView>call(CatalogApi.GET_PRODUCT, new GetProduct(p.id(), "en", false))
      .name(), "Changed elsewhere"::equals);
    assertEquals(7, f.<ProductView>call(CatalogApi.GET_PRODUCT, new GetProduct(p.id(), "en", false)).variants().get(0).stockOnHand());

    // the product read from the database knows its variant's stock sequence: a figure of that sequence is not newer
    CatalogFixture.await(f.sql.preparedQuery(
        "UPDATE product SET translations = jsonb_set(translations, '{en,name}', '\"Third\"') WHERE id = $1")
      .execute(Tuple.of(p.id())));
    f.vertx.eventBus().publish(CatalogApi.Events.STOCK_CHANGED,
      new StockChanged(Ids.newId(), Instant.now(), p.id(), variant, "IP-" + u, 99, p.version(), seq));
    Thread.sleep(200);
    assertEquals(7, f.<ProductView>call(CatalogApi.GET_PRODUCT, new GetProduct(p.id(), "en", false)).variants().get(0).stockOnHand());
    // another node's newer figure is taken in place
    f.vertx.eventBus().publish(CatalogApi.Events.STOCK_CHANGED,
      new StockChanged(Ids.newId(), Instant.now(), p.id(), variant, "IP-" + u, 5, p.version(), seq + 1));
    Eventually.value("another node's change taken", () -> f.<ProductView>call(CatalogApi.GET_PRODUCT, new GetProduct(p.id(), "en", false))
      .variants().get(0).stockOnHand(), n -> n == 5);
    assertEquals("Changed elsewhere", f.<ProductView>call(CatalogApi.GET_PRODUCT, new GetProduct(p.id(), "en", false)).name(),
      "in place, not read again");
  }

  /**
   * Every change of stock on hand names its stock sequence: a staff change, an allocation and a
   * release each log it in their event, and the cart's read of a variant says the sequence of the
   * figure it answers (the cart keeps the newest figure by it, whichever node relayed which first).
   * A release's figure is taken in place too.
   */
  @Test
  void everyStockChangeNamesItsSequenceAndSoDoesTheCartsRead() throws Exception {
    Product p = f.call(CatalogApi.CREATE_PRODUCT, new CreateProduct(product("seq-" + u, "Cached name", null,
      List.of(variant("SQ-" + u, 100, 10)))));
    UUID variant = p.variants().get(0).id();
    f.call(CatalogApi.SET_STOCK, new SetStock("SQ-" + u, 8));
    long staff = stockSeq(variant);
    assertEquals(staff, loggedSeqs(p.id()).get(0), "the staff change's event");

    UUID order = UUID.randomUUID();
    f.call(CatalogApi.ALLOCATE_STOCK, new AllocateStock(order, List.of(new StockLine(variant, 3))));
    long allocated = stockSeq(variant);
    assertTrue(allocated > staff);
    VariantSummary read = f.<VariantList>call(CatalogApi.GET_VARIANTS, new GetVariants(List.of(variant), null, null, "en")).items().get(0);
    assertEquals(5, read.onHand());
    assertEquals(allocated, read.stockSeq(), "the cart's read says the figure's sequence");

    renameBehindTheCache(p.id(), () -> f.<VariantList>call(CatalogApi.GET_VARIANTS,
      new GetVariants(List.of(variant), null, null, "en")).items().get(0).productName());
    f.call(CatalogApi.RELEASE_STOCK, new ReleaseStock(order));
    long released = stockSeq(variant);
    assertTrue(released > allocated);
    assertEquals(List.of(staff, allocated, released), loggedSeqs(p.id()), "each event says its sequence");
    read = f.<VariantList>call(CatalogApi.GET_VARIANTS, new GetVariants(List.of(variant), null, null, "en")).items().get(0);
    assertEquals(8, read.onHand());
    assertEquals(released, read.stockSeq());
    assertEquals("Cached name", read.productName(), "the release's figure is taken in place");
  }

  /**
   * Renames the product to "Changed elsewhere" behind the service's back once {@code name} (a
   * read through the cache) reads the cached "Cached name". A read whose stripe's generation moved
   * while it ran (an event for any product of the stripe, say one of a test running alongside) is
   * answered but not kept, so the read is repeated until one is kept.
   */
  private void renameBehindTheCache(UUID productId, java.util.function.Supplier<String> name) {
    Eventually.until("the product cached", () -> {
      rename(productId, "Cached name");
      name.get();
      rename(productId, "Changed elsewhere");
      return "Cached name".equals(name.get());
    });
  }

  private void rename(UUID productId, String name) {
    CatalogFixture.await(f.sql.preparedQuery(
        "UPDATE product SET translations = jsonb_set(translations, '{en,name}', to_jsonb($2::text)) WHERE id = $1")
      .execute(Tuple.of(productId, name)));
  }

  private long stockSeq(UUID variant) {
    return CatalogFixture.await(f.sql.preparedQuery("SELECT stock_seq FROM variant WHERE id = $1").execute(Tuple.of(variant)))
      .iterator().next().getLong(0);
  }

  private List<Long> loggedSeqs(UUID productId) {
    var seqs = new java.util.ArrayList<Long>();
    CatalogFixture.await(f.sql.preparedQuery("SELECT (payload->>'stockSeq')::bigint FROM outbox WHERE aggregate_id = $1 "
        + "AND event_type = 'catalog.stock-changed' AND payload ? 'stockSeq' AND payload->>'stockSeq' IS NOT NULL ORDER BY seq")
      .execute(Tuple.of(productId.toString()))).forEach(row -> seqs.add(row.getLong(0)));
    return seqs;
  }

  @Test
  void anotherNodesSlugChangeAndDeleteTakeEffectWithTheirEvents() throws Exception {
    Product p = f.call(CatalogApi.CREATE_PRODUCT, new CreateProduct(product("moving-" + u, List.of(variant("MV-" + u, 100, 1)))));
    assertEquals(p.id(), f.<ProductView>call(CatalogApi.GET_PRODUCT_BY_SLUG, new GetProductBySlug("moving-" + u, "en", false)).id());

    CatalogFixture.await(f.sql.preparedQuery("UPDATE product SET slug = $2, version = version + 1 WHERE id = $1")
      .execute(Tuple.of(p.id(), "moved-" + u)));
    f.vertx.eventBus().publish(CatalogApi.Events.PRODUCT_UPDATED,
      new ProductUpdated(Ids.newId(), Instant.now(), p.id(), "moved-" + u, "moving-" + u, p.version() + 1));
    awaitNotFound(new GetProductBySlug("moving-" + u, "en", false));
    assertEquals(p.id(), f.<ProductView>call(CatalogApi.GET_PRODUCT_BY_SLUG, new GetProductBySlug("moved-" + u, "en", false)).id());

    CatalogFixture.await(f.sql.preparedQuery("DELETE FROM product WHERE id = $1").execute(Tuple.of(p.id())));
    f.vertx.eventBus().publish(CatalogApi.Events.PRODUCT_DELETED, new ProductDeleted(Ids.newId(), Instant.now(), p.id(), "moved-" + u, p.version() + 2));
    awaitNotFound(new GetProductBySlug("moved-" + u, "en", false));
    f.fails(ErrorCode.PRODUCT_NOT_FOUND, CatalogApi.GET_PRODUCT, new GetProduct(p.id(), "en", false));
  }

  @Test
  void anotherNodesCategoryChangeReloadsTheTree() throws Exception {
    UUID id = Ids.newId();
    CatalogFixture.await(f.sql.preparedQuery("INSERT INTO category (id, slug, names) VALUES ($1, $2, '{\"en\":\"Elsewhere\"}')")
      .execute(Tuple.of(id, "elsewhere-" + u)));
    f.vertx.eventBus().publish(CatalogApi.Events.CATEGORY_CHANGED, new CategoryChanged(Ids.newId(), Instant.now(), id, false, 2));
    Eventually.until("the tree reloaded on the event", () -> f.<CategoryList>call(CatalogApi.LIST_CATEGORIES,
      new ListCategories("en", null)).items().stream().anyMatch(c -> c.id().equals(id) && c.name().equals("Elsewhere")));
    CatalogFixture.await(f.sql.preparedQuery("DELETE FROM category WHERE id = $1").execute(Tuple.of(id)));
  }

  private void awaitNotFound(GetProductBySlug query) {
    Eventually.until(query.slug() + " no longer resolves", () -> {
      try {
        f.call(CatalogApi.GET_PRODUCT_BY_SLUG, query);
        return false;
      } catch (Failure failure) {
        assertEquals(ErrorCode.PRODUCT_NOT_FOUND, failure.errorCode());
        return true;
      }
    });
  }
}
