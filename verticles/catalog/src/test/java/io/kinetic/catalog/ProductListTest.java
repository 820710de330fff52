package io.kinetic.catalog;

import static io.kinetic.catalog.Inputs.product;
import static io.kinetic.catalog.Inputs.variant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.AdminProductPage;
import io.kinetic.kernel.contract.catalog.AttributeInput;
import io.kinetic.kernel.contract.catalog.AttributeType;
import io.kinetic.kernel.contract.catalog.Category;
import io.kinetic.kernel.contract.catalog.CreateProduct;
import io.kinetic.kernel.contract.catalog.DefineAttribute;
import io.kinetic.kernel.contract.catalog.ListProducts;
import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.contract.catalog.ProductInput;
import io.kinetic.kernel.contract.catalog.ProductPage;
import io.kinetic.kernel.contract.catalog.ProductSort;
import io.kinetic.kernel.contract.catalog.ProductStatus;
import io.kinetic.kernel.contract.catalog.ProductView;
import io.kinetic.kernel.contract.catalog.SaveCategory;
import io.kinetic.kernel.contract.catalog.VariantInput;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.money.Money;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every list is scoped to categories this test created, so other test classes' products never interfere. */
class ProductListTest {

  private final CatalogFixture f = CatalogFixture.get();
  private final String u = CatalogFixture.unique();

  @Test
  void categoryFilterIncludesSubcategories() {
    UUID top = category("top-" + u, null);
    UUID child = category("child-" + u, top);
    UUID grandchild = category("grandchild-" + u, child);
    UUID other = category("other-" + u, null);
    UUID a = create("in-top-" + u, List.of(top), Map.of(), List.of(variant("CT-A-" + u, 100, 1)));
    UUID b = create("in-child-" + u, List.of(child), Map.of(), List.of(variant("CT-B-" + u, 100, 1)));
    UUID c = create("in-grandchild-" + u, List.of(grandchild), Map.of(), List.of(variant("CT-C-" + u, 100, 1)));
    create("in-other-" + u, List.of(other), Map.of(), List.of(variant("CT-D-" + u, 100, 1)));

    assertEquals(Set.of(a, b, c), Set.copyOf(ids(list(query(top, ProductSort.NEWEST, 100)).items())));
    assertEquals(Set.of(b, c), Set.copyOf(ids(list(query(child, ProductSort.NEWEST, 100)).items())));
    assertEquals(List.of(), list(query(UUID.randomUUID(), ProductSort.NEWEST, 100)).items());
  }

  @Test
  void filtersByAttributesAndPriceRange() {
    UUID cat = category("filters-" + u, null);
    String material = "mat_" + u;
    String weight = "w_" + u;
    String organic = "org_" + u;
    f.call(CatalogApi.DEFINE_ATTRIBUTE, new DefineAttribute(new AttributeInput(material, AttributeType.ENUM, null,
      List.of("linen", "wool"), Map.of("en", "Material"))));
    f.call(CatalogApi.DEFINE_ATTRIBUTE, new DefineAttribute(new AttributeInput(weight, AttributeType.NUMBER, "g", null,
      Map.of("en", "Weight"))));
    f.call(CatalogApi.DEFINE_ATTRIBUTE, new DefineAttribute(new AttributeInput(organic, AttributeType.BOOLEAN, null, null,
      Map.of("en", "Organic"))));
    UUID linen = create("linen-" + u, List.of(cat), Map.of(material, "linen", weight, 180, organic, true),
      List.of(variant("FL-1-" + u, 500, 1), variant("FL-2-" + u, 1500, 1)));
    UUID wool = create("wool-" + u, List.of(cat), Map.of(material, "wool", weight, 400, organic, false),
      List.of(variant("FW-1-" + u, 500, 1), variant("FW-2-" + u, 3000, 1)));

    assertEquals(List.of(linen), ids(list(withAttributes(query(cat, ProductSort.NEWEST, 10), Map.of(material, "linen"))).items()));
    assertEquals(List.of(wool), ids(list(withAttributes(query(cat, ProductSort.NEWEST, 10), Map.of(weight, "400"))).items()));
    assertEquals(List.of(linen), ids(list(withAttributes(query(cat, ProductSort.NEWEST, 10), Map.of(organic, "true"))).items()));
    assertEquals(List.of(), list(withAttributes(query(cat, ProductSort.NEWEST, 10),
      Map.of(material, "linen", organic, "false"))).items());
    var badValue = f.fails(ErrorCode.VALIDATION_FAILED, CatalogApi.LIST_PRODUCTS,
      withAttributes(query(cat, ProductSort.NEWEST, 10), Map.of(weight, "heavy")));
    assertEquals("attributes." + weight, badValue.errors().get(0).field());

    // "any variant in range": linen has 1500 in [1000, 2000]; wool's variants are 500 and 3000
    assertEquals(List.of(linen), ids(list(priced(query(cat, ProductSort.NEWEST, 10), 1000L, 2000L)).items()));
    assertEquals(Set.of(linen, wool), Set.copyOf(ids(list(priced(query(cat, ProductSort.NEWEST, 10), null, 500L)).items())));
    assertEquals(List.of(wool), ids(list(priced(query(cat, ProductSort.NEWEST, 10), 2500L, null)).items()));
    f.fails(ErrorCode.VALIDATION_FAILED, CatalogApi.LIST_PRODUCTS, priced(query(cat, ProductSort.NEWEST, 10), 2000L, 1000L));
  }

  @Test
  void everySortPagesWithoutGapsOrDuplicates() {
    UUID cat = category("sorting-" + u, null);
    String[] names = {"delta", "alpha", "kilo", "bravo", "echo", "alpha", "hotel", "golf", "charlie", "juliet", "india",
      "foxtrot", "lima"};
    long[] prices = {900, 100, 500, 500, 700, 300, 1200, 500, 50, 1100, 800, 100, 400};
    var created = new ArrayList<UUID>();
    for (int i = 0; i < names.length; i++) {
      created.add(create("sort-" + i + "-" + u, names[i], List.of(cat),
        List.of(variant("SO-" + i + "-" + u, prices[i], 1), variant("SO-" + i + "x-" + u, prices[i] + 1000, 1))));
    }
    UUID usdOnly = create("sort-usd-" + u, "zulu", List.of(cat), List.of(Inputs.variant("SO-USD-" + u, List.of(Money.of(5, "USD")))));

    for (ProductSort sort : ProductSort.values()) {
      List<ProductView> all = pageThrough(query(cat, sort, 5));
      List<UUID> ids = ids(all);
      assertEquals(ids.size(), new HashSet<>(ids).size(), sort + " returned a product twice");
      Set<UUID> expected = new HashSet<>(created);
      if (sort == ProductSort.NEWEST || sort == ProductSort.NAME) {
        expected.add(usdOnly);
      }
      assertEquals(expected, Set.copyOf(ids), sort + " missed products");
      for (int i = 1; i < all.size(); i++) {
        ProductView prev = all.get(i - 1);
        ProductView next = all.get(i);
        int order = switch (sort) {
          case NEWEST -> next.createdAt().compareTo(prev.createdAt()) <= 0 ? 0 : 1;
          case NAME -> prev.name().compareTo(next.name()) <= 0 ? 0 : 1;
          case PRICE_ASC -> Long.compare(minEur(prev), minEur(next)) <= 0 ? 0 : 1;
          case PRICE_DESC -> Long.compare(minEur(prev), minEur(next)) >= 0 ? 0 : 1;
        };
        assertEquals(0, order, sort + " out of order at " + i + ": " + prev.name() + " / " + next.name());
      }
    }
    List<UUID> newest = ids(pageThrough(query(cat, ProductSort.NEWEST, 4)));
    assertEquals(usdOnly, newest.get(0));
    assertEquals(created.get(0), newest.get(newest.size() - 1));
  }

  @Test
  void rejectsBadCursorsAndLimits() {
    UUID cat = category("cursors-" + u, null);
    for (int i = 0; i < 3; i++) {
      create("cursor-" + i + "-" + u, "name" + i, List.of(cat), List.of(variant("CU-" + i + "-" + u, 100 + i, 1)));
    }
    ProductPage first = list(query(cat, ProductSort.NAME, 1));
    assertNotNull(first.nextCursor());
    String cursor = first.nextCursor();
    ProductPage second = list(withCursor(query(cat, ProductSort.NAME, 1), cursor));
    assertEquals("name0", first.items().get(0).name());
    assertEquals("name1", second.items().get(0).name());

    f.fails(ErrorCode.INVALID_CURSOR, CatalogApi.LIST_PRODUCTS, withCursor(query(cat, ProductSort.NAME, 1), "garbage!"));
    f.fails(ErrorCode.INVALID_CURSOR, CatalogApi.LIST_PRODUCTS, withCursor(query(cat, ProductSort.NEWEST, 1), cursor));
    String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    String tampered = Base64.getUrlEncoder().withoutPadding()
      .encodeToString(decoded.replace("name0", "name9").getBytes(StandardCharsets.UTF_8));
    f.fails(ErrorCode.INVALID_CURSOR, CatalogApi.LIST_PRODUCTS, withCursor(query(cat, ProductSort.NAME, 1), tampered));
    // what an attacker could make of the old unkeyed CRC32 cursors: a time PostgreSQL cannot take
    String payload = "NEWEST\n\n" + UUID.randomUUID() + "\n+294277-01-01T00:00:00Z";
    var crc = new java.util.zip.CRC32();
    crc.update(payload.getBytes(StandardCharsets.UTF_8));
    String forged = Base64.getUrlEncoder().withoutPadding()
      .encodeToString((Long.toHexString(crc.getValue()) + "\n" + payload).getBytes(StandardCharsets.UTF_8));
    f.fails(ErrorCode.INVALID_CURSOR, CatalogApi.LIST_PRODUCTS, withCursor(query(cat, ProductSort.NEWEST, 1), forged));
    String eur = list(query(cat, ProductSort.PRICE_ASC, 1)).nextCursor();
    var usd = new ListProducts(cat, null, null, null, "USD", ProductSort.PRICE_ASC, eur, 1, "en", null);
    f.fails(ErrorCode.INVALID_CURSOR, CatalogApi.LIST_PRODUCTS, usd);

    for (int limit : new int[] {0, 101}) {
      var failure = f.fails(ErrorCode.VALIDATION_FAILED, CatalogApi.LIST_PRODUCTS, query(cat, ProductSort.NEWEST, limit));
      assertEquals("limit", failure.errors().get(0).field());
    }
    assertNull(list(query(cat, ProductSort.NEWEST, 3)).nextCursor(), "no cursor after the last page");
  }

  @Test
  void customersSeePublishedOnlyAndStaffFilterByStatus() {
    UUID cat = category("status-" + u, null);
    UUID published = create("published-" + u, List.of(cat), Map.of(), List.of(variant("ST-P-" + u, 100, 1)));
    ProductInput draft = Inputs.withStatus(Inputs.withCategories(product("draft-" + u, List.of(variant("ST-D-" + u, 100, 1))),
      List.of(cat)), ProductStatus.DRAFT);
    UUID draftId = f.<Product>call(CatalogApi.CREATE_PRODUCT, new CreateProduct(draft)).id();

    assertEquals(List.of(published), ids(list(query(cat, ProductSort.NEWEST, 10)).items()));
    AdminProductPage all = f.call(CatalogApi.LIST_ADMIN_PRODUCTS, admin(cat, null));
    assertEquals(Set.of(published, draftId), all.items().stream().map(Product::id).collect(Collectors.toSet()));
    AdminProductPage drafts = f.call(CatalogApi.LIST_ADMIN_PRODUCTS, admin(cat, ProductStatus.DRAFT));
    assertEquals(List.of(draftId), drafts.items().stream().map(Product::id).toList());
  }

  private List<ProductView> pageThrough(ListProducts q) {
    var all = new ArrayList<ProductView>();
    String cursor = null;
    int pages = 0;
    do {
      ProductPage page = list(withCursor(q, cursor));
      assertTrue(page.items().size() <= q.limit());
      all.addAll(page.items());
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null && pages < 50);
    assertTrue(pages > 2, "expected several pages, got " + pages);
    return all;
  }

  private static long minEur(ProductView p) {
    return p.variants().stream().map(v -> v.price("EUR")).filter(m -> m != null).mapToLong(Money::amount).min().orElseThrow();
  }

  private UUID category(String slug, UUID parent) {
    return f.<Category>call(CatalogApi.SAVE_CATEGORY, new SaveCategory(null, Inputs.category(slug, parent, 0))).id();
  }

  private UUID create(String slug, List<UUID> categories, Map<String, Object> attributes, List<VariantInput> variants) {
    ProductInput input = Inputs.withAttributes(Inputs.withCategories(product(slug, variants), categories), attributes);
    return f.<Product>call(CatalogApi.CREATE_PRODUCT, new CreateProduct(input)).id();
  }

  private UUID create(String slug, String name, List<UUID> categories, List<VariantInput> variants) {
    ProductInput input = Inputs.withCategories(product(slug, name, null, variants), categories);
    return f.<Product>call(CatalogApi.CREATE_PRODUCT, new CreateProduct(input)).id();
  }

  private ProductPage list(ListProducts q) {
    return f.call(CatalogApi.LIST_PRODUCTS, q);
  }

  private static List<UUID> ids(List<ProductView> items) {
    return items.stream().map(ProductView::id).toList();
  }

  private static ListProducts query(UUID category, ProductSort sort, int limit) {
    return new ListProducts(category, null, null, null, "EUR", sort, null, limit, "en", null);
  }

  private static ListProducts admin(UUID category, ProductStatus status) {
    return new ListProducts(category, null, null, null, null, null, null, 10, null, status);
  }

  private static ListProducts withAttributes(ListProducts q, Map<String, String> attributes) {
    return new ListProducts(q.categoryId(), attributes, q.minPrice(), q.maxPrice(), q.currency(), q.sort(), q.after(),
      q.limit(), q.locale(), q.status());
  }

  private static ListProducts priced(ListProducts q, Long min, Long max) {
    return new ListProducts(q.categoryId(), q.attributes(), min, max, q.currency(), q.sort(), q.after(), q.limit(),
      q.locale(), q.status());
  }

  private static ListProducts withCursor(ListProducts q, String after) {
    return new ListProducts(q.categoryId(), q.attributes(), q.minPrice(), q.maxPrice(), q.currency(), q.sort(), after,
      q.limit(), q.locale(), q.status());
  }
}
