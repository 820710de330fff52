package io.kinetic.catalog;

import io.kinetic.kernel.bus.Caller;
import static io.kinetic.catalog.Inputs.product;
import static io.kinetic.catalog.Inputs.variant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.Category;
import io.kinetic.kernel.contract.catalog.CreateProduct;
import io.kinetic.kernel.contract.catalog.DeleteCategory;
import io.kinetic.kernel.contract.catalog.GetAdminProduct;
import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.contract.catalog.RemoveVariant;
import io.kinetic.kernel.contract.catalog.SaveCategory;
import io.kinetic.kernel.contract.catalog.SetPrice;
import io.kinetic.kernel.contract.catalog.SetStock;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.money.Money;
import io.kinetic.kernel.testing.LockWaits;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Writes that race on one product, SKU or category end in a consistent state and a proper error code. */
class ConcurrencyTest {

  private static final String HOLD_PRODUCT = """
    INSERT INTO product (id, slug, status, default_locale, translations, sort_name)
    VALUES ($1, $2, 'DRAFT', 'en', '{}', 'hold') RETURNING id
    """;

  private final CatalogFixture f = CatalogFixture.get();
  private final String u = CatalogFixture.unique();

  @Test
  void removingTheLastTwoVariantsAtOnceLeavesOne() {
    Product p = f.call(CatalogApi.CREATE_PRODUCT, new CreateProduct(product("two-left-" + u,
      List.of(variant("TL-A-" + u, 100, 1), variant("TL-B-" + u, 100, 1)))));
    // both removals queue behind a lock held here, so both read the product while it still has two variants
    var removals = new ArrayList<Future<Object>>();
    CatalogFixture.await(f.sql.withTransaction(tx -> tx.preparedQuery("SELECT 1 FROM product WHERE id = $1 FOR UPDATE")
      .execute(Tuple.of(p.id()))
      .compose(v -> LockWaits.backendPid(tx))
      .compose(holder -> {
        removals.add(f.bus.request(CatalogApi.REMOVE_VARIANT.address(), new RemoveVariant("TL-A-" + u), "concurrency-test"));
        removals.add(f.bus.request(CatalogApi.REMOVE_VARIANT.address(), new RemoveVariant("TL-B-" + u), "concurrency-test"));
        return LockWaits.blockedBy(f.vertx, f.sql, holder, 2);
      })));
    CatalogFixture.await(Future.join(removals).otherwiseEmpty());
    Product now = f.call(CatalogApi.GET_ADMIN_PRODUCT, new GetAdminProduct(p.id()));
    assertEquals(1, now.variants().size(), "a product keeps at least one variant");
    assertEquals(1, removals.stream().filter(Future::succeeded).count());
    removals.stream().filter(Future::failed)
      .forEach(r -> assertEquals(ErrorCode.VALIDATION_FAILED, Failure.from(r.cause()).errorCode()));
  }

  @Test
  void createsRacingForTheSameSkusFailWithSkuTakenNeverADeadlock() {
    for (int round = 0; round < 3; round++) {
      String x = "DX-" + round + "-" + u;
      String y = "DY-" + round + "-" + u;
      var creates = new ArrayList<Future<Object>>();
      // an uncommitted variant with SKU y holds both creates at y: [y, x] waits first, [x, y] after taking x
      CatalogFixture.await(f.sql.withTransaction(tx -> tx.preparedQuery(HOLD_PRODUCT).execute(Tuple.of(UUID.randomUUID(), "dl-hold-" + u))
        .compose(rows -> tx.preparedQuery("INSERT INTO variant (id, product_id, sku) VALUES ($1, $2, $3)")
          .execute(Tuple.of(UUID.randomUUID(), rows.iterator().next().getUUID("id"), y)))
        .compose(v -> LockWaits.backendPid(tx))
        .compose(holder -> {
          creates.add(f.bus.request(CatalogApi.CREATE_PRODUCT.address(), new CreateProduct(product("dl-yx-" + u,
            List.of(variant(y, 100, 1), variant(x, 100, 1)))), "concurrency-test"));
          return LockWaits.blockedBy(f.vertx, f.sql, holder, 1)
            .compose(w -> {
              creates.add(f.bus.request(CatalogApi.CREATE_PRODUCT.address(), new CreateProduct(product("dl-xy-" + u,
                List.of(variant(x, 100, 1), variant(y, 100, 1)))), "concurrency-test"));
              return LockWaits.blockedBy(f.vertx, f.sql, holder, 2);
            });
        })
        .compose(v -> Future.failedFuture("release y")))
        .otherwiseEmpty());
      CatalogFixture.await(Future.join(creates).otherwiseEmpty());
      assertEquals(1, creates.stream().filter(Future::succeeded).count());
      creates.stream().filter(Future::failed)
        .forEach(c -> assertEquals(ErrorCode.SKU_TAKEN, Failure.from(c.cause()).errorCode(), () -> c.cause().toString()));
      CatalogFixture.await(f.sql.preparedQuery("DELETE FROM product WHERE slug LIKE 'dl-%' || $1").execute(Tuple.of(u)));
    }
  }

  @Test
  void concurrentStockAndPriceWritesAreNeitherLostNorInconsistent() {
    Product p = f.call(CatalogApi.CREATE_PRODUCT, new CreateProduct(product("busy-" + u,
      List.of(variant("BU-A-" + u, 500, 1), variant("BU-B-" + u, 700, 1)))));
    var writes = new ArrayList<Future<Object>>();
    for (int i = 0; i < 10; i++) {
      writes.add(f.bus.request(CatalogApi.SET_STOCK.address(), new SetStock("BU-A-" + u, i), "concurrency-test"));
      writes.add(f.bus.request(CatalogApi.SET_PRICE.address(), new SetPrice(i % 2 == 0 ? "BU-A-" + u : "BU-B-" + u,
        Money.of(100 + i, "EUR")), "concurrency-test"));
    }
    CatalogFixture.await(Future.all(writes));
    Product now = f.call(CatalogApi.GET_ADMIN_PRODUCT, new GetAdminProduct(p.id()));
    assertEquals(p.version() + 20, now.version(), "every write is a version");
    long cheapest = now.variants().stream().mapToLong(v -> v.price("EUR").amount()).min().orElseThrow();
    var min = CatalogFixture.await(f.sql.preparedQuery(
      "SELECT amount FROM product_min_price WHERE product_id = $1 AND currency = 'EUR'").execute(Tuple.of(p.id())));
    assertEquals(cheapest, min.iterator().next().getLong("amount"));
    assertEquals(0, now.variants().get(0).price("EUR").amount() % 2, "A only ever got even prices");
    assertEquals(1, now.variants().get(1).price("EUR").amount() % 2, "B only ever got odd prices");
  }

  @Test
  void deletingACategoryWhileProductsJoinItIsNotEmptyOrNotFoundNeverInternal() {
    for (int round = 0; round < 4; round++) {
      var category = f.<Category>call(CatalogApi.SAVE_CATEGORY,
        new SaveCategory(null, Inputs.category("racy-" + round + "-" + u, null, 0)));
      Future<Object> create = f.bus.request(CatalogApi.CREATE_PRODUCT.address(), new CreateProduct(Inputs.withCategories(
        product("joins-" + round + "-" + u, List.of(variant("JO-" + round + "-" + u, 100, 1))), List.of(category.id()))), "concurrency-test");
      Future<Object> delete = f.bus.request(CatalogApi.DELETE_CATEGORY.address(), new DeleteCategory(category.id()), "concurrency-test");
      CatalogFixture.await(Future.join(create, delete).otherwiseEmpty());
      assertTrue(create.succeeded() != delete.succeeded(), "exactly one of them wins");
      if (create.failed()) {
        assertTrue(Set.of(ErrorCode.CATEGORY_NOT_FOUND, ErrorCode.VALIDATION_FAILED)
          .contains(Failure.from(create.cause()).errorCode()), create.cause()::toString);
      } else {
        assertEquals(ErrorCode.CATEGORY_NOT_EMPTY, Failure.from(delete.cause()).errorCode());
      }
    }
  }
}
