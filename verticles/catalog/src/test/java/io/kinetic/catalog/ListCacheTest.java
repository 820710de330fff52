package io.kinetic.catalog;

import static io.kinetic.catalog.Inputs.product;
import static io.kinetic.catalog.Inputs.variant;
import static io.kinetic.catalog.Inputs.withAttributes;
import static io.kinetic.catalog.Inputs.withCategories;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.AttributeInput;
import io.kinetic.kernel.contract.catalog.AttributeType;
import io.kinetic.kernel.contract.catalog.Category;
import io.kinetic.kernel.contract.catalog.CreateProduct;
import io.kinetic.kernel.contract.catalog.DefineAttribute;
import io.kinetic.kernel.contract.catalog.ListProducts;
import io.kinetic.kernel.contract.catalog.PriceChanged;
import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.contract.catalog.ProductPage;
import io.kinetic.kernel.contract.catalog.ProductSort;
import io.kinetic.kernel.contract.catalog.ProductUpdated;
import io.kinetic.kernel.contract.catalog.ProductView;
import io.kinetic.kernel.contract.catalog.SaveCategory;
import io.kinetic.kernel.contract.catalog.SetPrice;
import io.kinetic.kernel.contract.catalog.SetStock;
import io.kinetic.kernel.contract.catalog.UpdateProduct;
import io.kinetic.kernel.contract.catalog.Variant;
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

/**
 * Pages of a list are cached; a write retires, before the writer gets its reply, the pages it can
 * change and no other. To tell a retired page from a kept one, a product is taken out of the
 * filter behind the service's back: a kept page still lists it, a re-read page does not. Each test
 * filters on an attribute of its own, so no other test's write can retire its pages.
 */
class ListCacheTest {

  private final CatalogFixture f = CatalogFixture.get();
  private final String u = CatalogFixture.unique();

  @Test
  void aListedPageReflectsEveryWriteOnTheNextRead() {
    UUID category = f.<Category>call(CatalogApi.SAVE_CATEGORY, new SaveCategory(null, Inputs.category("lc-" + u, null, 0))).id();
    Product first = create("lc-a-" + u, "LCA-" + u, category);
    assertEquals(Set.of(first.id()), ids(category, ProductSort.NEWEST));
    assertEquals(Set.of(first.id()), ids(category, ProductSort.NEWEST), "served again, now from the cache");

    Product second = create("lc-b-" + u, "LCB-" + u, category);
    assertEquals(Set.of(first.id(), second.id()), ids(category, ProductSort.NEWEST));

    f.call(CatalogApi.SET_PRICE, new SetPrice("LCB-" + u, Money.of(1, "EUR")));
    List<ProductView> cheapestFirst = page(category, ProductSort.PRICE_ASC).items();
    assertEquals(second.id(), cheapestFirst.get(0).id());
    f.call(CatalogApi.SET_PRICE, new SetPrice("LCB-" + u, Money.of(999_999, "EUR")));
    assertEquals(first.id(), page(category, ProductSort.PRICE_ASC).items().get(0).id(), "the repriced order, not the cached one");
  }

  @Test
  void aCachedPageIsRetiredByAnotherNodesEvent() throws Exception {
    UUID category = f.<Category>call(CatalogApi.SAVE_CATEGORY, new SaveCategory(null, Inputs.category("lce-" + u, null, 0))).id();
    Product a = create("lce-a-" + u, "LCEA-" + u, category);
    Product b = create("lce-b-" + u, "LCEB-" + u, category);
    assertEquals(Set.of(a.id(), b.id()), ids(category, ProductSort.NEWEST));

    // another node moved b out of the category behind this node's back (its cached page still
    // lists b, unless a concurrent test's write happened to retire it), then its event arrives
    CatalogFixture.await(f.sql.preparedQuery("DELETE FROM product_category WHERE product_id = $1").execute(Tuple.of(b.id())));
    f.vertx.eventBus().publish(CatalogApi.Events.PRODUCT_UPDATED,
      new ProductUpdated(Ids.newId(), Instant.now(), b.id(), b.slug(), b.slug(), b.version() + 1));
    Eventually.value("the cached page retired by the event", () -> ids(category, ProductSort.NEWEST), Set.of(a.id())::equals);
  }

  @Test
  void stockAndPriceWritesRetireOnlyThePagesTheyCanChange() {
    String code = attribute("lcw");
    Product a = create(code, "lcw-a-" + u, "LCWA-" + u, 500);
    Product b = create(code, "lcw-b-" + u, "LCWB-" + u, 700);
    assertEquals(List.of(b.id(), a.id()), ids(page(code, ProductSort.NEWEST, 20, null)));
    assertEquals(List.of(a.id(), b.id()), ids(page(code, ProductSort.PRICE_ASC, 20, null)));
    CatalogFixture.await(f.sql.preparedQuery("UPDATE product SET attributes = '{}' WHERE id = $1").execute(Tuple.of(b.id())));

    f.call(CatalogApi.SET_STOCK, new SetStock("LCWA-" + u, 42));
    ProductPage newest = page(code, ProductSort.NEWEST, 20, null);
    assertEquals(List.of(b.id(), a.id()), ids(newest), "a stock write retires no page");
    assertEquals(42, newest.items().get(1).variants().get(0).stockOnHand(), "... and the listed product shows the new stock");

    f.call(CatalogApi.SET_PRICE, new SetPrice("LCWA-" + u, Money.of(600, "EUR")));
    newest = page(code, ProductSort.NEWEST, 20, null);
    assertEquals(List.of(b.id(), a.id()), ids(newest), "a price write keeps the pages no price sorts or filters");
    assertEquals(600, newest.items().get(1).variants().get(0).prices().get(0).amount());
    assertEquals(List.of(a.id()), ids(page(code, ProductSort.PRICE_ASC, 20, null)), "the price-sorted page that held it was retired");
    assertEquals(List.of(b.id(), a.id()), ids(page(code, ProductSort.NEWEST, 20, null)), "still kept");

    f.call(CatalogApi.UPDATE_PRODUCT, new UpdateProduct(a.id(), a.version() + 2, withAttributes(
      product("lcw-a-" + u, "Renamed", null, List.of(variant("LCWA-" + u, 600, 42))), Map.of(code, "x"))));
    assertEquals(List.of(a.id()), ids(page(code, ProductSort.NEWEST, 20, null)), "any other write retires the pages that held it");
  }

  @Test
  void aProductThatMovesOntoAPageByPriceOrIsCreatedAppearsThere() {
    String code = attribute("lcm");
    Product p1 = create(code, "lcm-1-" + u, "LCM1-" + u, 100);
    Product p2 = create(code, "lcm-2-" + u, "LCM2-" + u, 200);
    Product p3 = create(code, "lcm-3-" + u, "LCM3-" + u, 300);
    Product p4 = create(code, "lcm-4-" + u, "LCM4-" + u, 400);
    ProductPage first = page(code, ProductSort.PRICE_ASC, 2, null);
    assertEquals(List.of(p1.id(), p2.id()), ids(first));
    assertEquals(List.of(p3.id(), p4.id()), ids(page(code, ProductSort.PRICE_ASC, 2, first.nextCursor())));
    assertEquals(List.of(p4.id(), p3.id()), ids(page(code, ProductSort.NEWEST, 2, null)));

    f.call(CatalogApi.SET_PRICE, new SetPrice("LCM4-" + u, Money.of(50, "EUR")));
    assertEquals(List.of(p4.id(), p1.id()), ids(page(code, ProductSort.PRICE_ASC, 2, null)), "p4 entered the first page");
    assertEquals(List.of(p3.id()), ids(page(code, ProductSort.PRICE_ASC, 2, first.nextCursor())), "and left the second");

    Product p5 = create(code, "lcm-5-" + u, "LCM5-" + u, 150);
    assertEquals(List.of(p5.id(), p4.id()), ids(page(code, ProductSort.NEWEST, 2, null)), "a new product enters the newest page");
  }

  @Test
  void aPriceChangedOnAnotherNodeRetiresThePricePagesThatHeldTheProduct() throws Exception {
    String code = attribute("lce");
    Product a = create(code, "lce2-a-" + u, "LCE2A-" + u, 100);
    Product b = create(code, "lce2-b-" + u, "LCE2B-" + u, 200);
    assertEquals(List.of(a.id(), b.id()), ids(page(code, ProductSort.PRICE_ASC, 20, null)));

    // another node repriced a (its rows changed behind this node's back), then its event arrives
    CatalogFixture.await(f.sql.preparedQuery("UPDATE variant_price SET amount = 900 WHERE product_id = $1").execute(Tuple.of(a.id())));
    CatalogFixture.await(f.sql.preparedQuery("UPDATE product_min_price SET amount = 900 WHERE product_id = $1").execute(Tuple.of(a.id())));
    CatalogFixture.await(f.sql.preparedQuery("UPDATE product SET version = version + 1 WHERE id = $1").execute(Tuple.of(a.id())));
    Variant variant = a.variants().get(0);
    f.vertx.eventBus().publish(CatalogApi.Events.PRICE_CHANGED,
      new PriceChanged(Ids.newId(), Instant.now(), a.id(), variant.id(), variant.sku(), Money.of(900, "EUR"), a.version() + 1));
    List<UUID> listed = null;
    for (int i = 0; i < 100 && !List.of(b.id(), a.id()).equals(listed); i++) {
      Thread.sleep(20);
      listed = ids(page(code, ProductSort.PRICE_ASC, 20, null));
    }
    assertEquals(List.of(b.id(), a.id()), listed);
  }

  /** A TEXT attribute of this test alone, named {@code prefix_<unique>}. */
  private String attribute(String prefix) {
    String code = prefix + "_" + u;
    f.call(CatalogApi.DEFINE_ATTRIBUTE, new DefineAttribute(new AttributeInput(code, AttributeType.TEXT, null, null,
      Map.of("en", code))));
    return code;
  }

  private Product create(String code, String slug, String sku, long eur) {
    return f.call(CatalogApi.CREATE_PRODUCT, new CreateProduct(withAttributes(product(slug, List.of(variant(sku, eur, 1))),
      Map.of(code, "x"))));
  }

  private ProductPage page(String code, ProductSort sort, int limit, String after) {
    return f.call(CatalogApi.LIST_PRODUCTS,
      new ListProducts(null, Map.of(code, "x"), null, null, "EUR", sort, after, limit, "en", null));
  }

  private static List<UUID> ids(ProductPage page) {
    return page.items().stream().map(ProductView::id).toList();
  }

  private Product create(String slug, String sku, UUID category) {
    return f.call(CatalogApi.CREATE_PRODUCT, new CreateProduct(withCategories(product(slug, List.of(variant(sku, 500, 1))),
      List.of(category))));
  }

  private ProductPage page(UUID category, ProductSort sort) {
    return f.call(CatalogApi.LIST_PRODUCTS,
      new ListProducts(category, Map.of(), null, null, "EUR", sort, null, 20, "en", null));
  }

  private Set<UUID> ids(UUID category, ProductSort sort) {
    return page(category, sort).items().stream().map(ProductView::id).collect(Collectors.toSet());
  }
}
