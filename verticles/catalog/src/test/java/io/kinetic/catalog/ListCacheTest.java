package io.kinetic.catalog;

import static io.kinetic.catalog.Inputs.product;
import static io.kinetic.catalog.Inputs.variant;
import static io.kinetic.catalog.Inputs.withCategories;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kinetic.kernel.bus.Addresses.Catalog;
import io.kinetic.kernel.contract.catalog.Category;
import io.kinetic.kernel.contract.catalog.CreateProduct;
import io.kinetic.kernel.contract.catalog.ListProducts;
import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.contract.catalog.ProductPage;
import io.kinetic.kernel.contract.catalog.ProductSort;
import io.kinetic.kernel.contract.catalog.ProductUpdated;
import io.kinetic.kernel.contract.catalog.ProductView;
import io.kinetic.kernel.contract.catalog.SaveCategory;
import io.kinetic.kernel.contract.catalog.SetPrice;
import io.kinetic.kernel.id.Ids;
import io.kinetic.kernel.testing.Eventually;
import io.kinetic.kernel.money.Money;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Pages of a list are cached, and every product change retires them before the writer gets its reply. */
class ListCacheTest {

  private final CatalogFixture f = CatalogFixture.get();
  private final String u = CatalogFixture.unique();

  @Test
  void aListedPageReflectsEveryWriteOnTheNextRead() {
    UUID category = f.<Category>call(Catalog.SAVE_CATEGORY, new SaveCategory(null, Inputs.category("lc-" + u, null, 0))).id();
    Product first = create("lc-a-" + u, "LCA-" + u, category);
    assertEquals(Set.of(first.id()), ids(category, ProductSort.NEWEST));
    assertEquals(Set.of(first.id()), ids(category, ProductSort.NEWEST), "served again, now from the cache");

    Product second = create("lc-b-" + u, "LCB-" + u, category);
    assertEquals(Set.of(first.id(), second.id()), ids(category, ProductSort.NEWEST));

    f.call(Catalog.SET_PRICE, new SetPrice("LCB-" + u, Money.of(1, "EUR")));
    List<ProductView> cheapestFirst = page(category, ProductSort.PRICE_ASC).items();
    assertEquals(second.id(), cheapestFirst.get(0).id());
    f.call(Catalog.SET_PRICE, new SetPrice("LCB-" + u, Money.of(999_999, "EUR")));
    assertEquals(first.id(), page(category, ProductSort.PRICE_ASC).items().get(0).id(), "the repriced order, not the cached one");
  }

  @Test
  void aCachedPageIsRetiredByAnotherNodesEvent() throws Exception {
    UUID category = f.<Category>call(Catalog.SAVE_CATEGORY, new SaveCategory(null, Inputs.category("lce-" + u, null, 0))).id();
    Product a = create("lce-a-" + u, "LCEA-" + u, category);
    Product b = create("lce-b-" + u, "LCEB-" + u, category);
    assertEquals(Set.of(a.id(), b.id()), ids(category, ProductSort.NEWEST));

    // another node moved b out of the category behind this node's back (its cached page still
    // lists b, unless a concurrent test's write happened to retire it), then its event arrives
    CatalogFixture.await(f.sql.preparedQuery("DELETE FROM product_category WHERE product_id = $1").execute(Tuple.of(b.id())));
    f.vertx.eventBus().publish(Catalog.PRODUCT_UPDATED,
      new ProductUpdated(Ids.newId(), Instant.now(), b.id(), b.slug(), b.slug(), b.version() + 1));
    Eventually.value("the cached page retired by the event", () -> ids(category, ProductSort.NEWEST), Set.of(a.id())::equals);
  }

  private Product create(String slug, String sku, UUID category) {
    return f.call(Catalog.CREATE_PRODUCT, new CreateProduct(withCategories(product(slug, List.of(variant(sku, 500, 1))),
      List.of(category))));
  }

  private ProductPage page(UUID category, ProductSort sort) {
    return f.call(Catalog.LIST_PRODUCTS,
      new ListProducts(category, Map.of(), null, null, "EUR", sort, null, 20, "en", false, null));
  }

  private Set<UUID> ids(UUID category, ProductSort sort) {
    return page(category, sort).items().stream().map(ProductView::id).collect(Collectors.toSet());
  }
}
