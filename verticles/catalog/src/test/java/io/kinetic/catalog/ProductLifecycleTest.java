package io.kinetic.catalog;

import io.kinetic.kernel.bus.Caller;
import static io.kinetic.catalog.Inputs.product;
import static io.kinetic.catalog.Inputs.variant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.Deleted;
import io.kinetic.kernel.contract.catalog.AddVariant;
import io.kinetic.kernel.contract.catalog.CreateProduct;
import io.kinetic.kernel.contract.catalog.DeleteProduct;
import io.kinetic.kernel.contract.catalog.GetAdminProduct;
import io.kinetic.kernel.contract.catalog.GetProduct;
import io.kinetic.kernel.contract.catalog.GetProductBySlug;
import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.contract.catalog.ProductInput;
import io.kinetic.kernel.contract.catalog.ProductStatus;
import io.kinetic.kernel.contract.catalog.ProductView;
import io.kinetic.kernel.contract.catalog.RemoveVariant;
import io.kinetic.kernel.contract.catalog.Translation;
import io.kinetic.kernel.contract.catalog.UpdateProduct;
import io.kinetic.kernel.contract.catalog.Variant;
import io.kinetic.kernel.contract.catalog.VariantInput;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.money.Money;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProductLifecycleTest {

  private final CatalogFixture f = CatalogFixture.get();
  private final String u = CatalogFixture.unique();

  @Test
  void createGetUpdateDelete() {
    String slug = "linen-shirt-" + u;
    ProductInput input = product(slug, "Linen shirt", "Leinenhemd", List.of(
      variant("LS-" + u + "-M", 3999, 5), variant("LS-" + u + "-L", 4299, 0)));
    Product created = f.call(CatalogApi.CREATE_PRODUCT, new CreateProduct(input));
    assertEquals(1, created.version());
    assertEquals(slug, created.slug());
    assertEquals(List.of("LS-" + u + "-M", "LS-" + u + "-L"), created.variants().stream().map(Variant::sku).toList());
    assertEquals(Money.of(3999, "EUR"), created.variants().get(0).price("EUR"));

    ProductView byId = f.call(CatalogApi.GET_PRODUCT, new GetProduct(created.id(), "en", false));
    assertEquals("Linen shirt", byId.name());
    ProductView bySlug = f.call(CatalogApi.GET_PRODUCT_BY_SLUG, new GetProductBySlug(slug, "de", false));
    assertEquals(created.id(), bySlug.id());
    assertEquals("Leinenhemd", bySlug.name());
    assertEquals("de", bySlug.locale());

    Map<String, UUID> before = created.variants().stream().collect(Collectors.toMap(Variant::sku, Variant::id));
    String newSlug = "linen-shirt-renamed-" + u;
    ProductInput changed = Inputs.withVariants(Inputs.withSlug(input, newSlug), List.of(
      new VariantInput("LS-" + u + "-L", Map.of("size", "L"), List.of(Money.of(4599, "EUR"), Money.of(4999, "USD")), null),
      variant("LS-" + u + "-XL", 4999, 7)));
    Product updated = f.call(CatalogApi.UPDATE_PRODUCT, new UpdateProduct(created.id(), created.version(), changed));

    assertEquals(2, updated.version());
    assertEquals(newSlug, updated.slug());
    Map<String, Variant> after = updated.variants().stream().collect(Collectors.toMap(Variant::sku, Function.identity()));
    assertEquals(before.get("LS-" + u + "-L"), after.get("LS-" + u + "-L").id(), "a kept SKU keeps its variant id");
    assertEquals(0, after.get("LS-" + u + "-L").stockOnHand(), "stock not given on update is kept");
    assertEquals(Money.of(4999, "USD"), after.get("LS-" + u + "-L").price("USD"));
    assertEquals(7, after.get("LS-" + u + "-XL").stockOnHand());
    assertFalse(after.containsKey("LS-" + u + "-M"), "a SKU missing from the input is removed");
    assertEquals(List.of("LS-" + u + "-L", "LS-" + u + "-XL"), updated.variants().stream().map(Variant::sku).toList());

    f.fails(ErrorCode.PRODUCT_NOT_FOUND, CatalogApi.GET_PRODUCT_BY_SLUG, new GetProductBySlug(slug, "en", false));
    ProductView renamed = f.call(CatalogApi.GET_PRODUCT_BY_SLUG, new GetProductBySlug(newSlug, "en", false));
    assertEquals(2, renamed.version());

    Deleted deleted = f.call(CatalogApi.DELETE_PRODUCT, new DeleteProduct(created.id()));
    assertEquals(created.id().toString(), deleted.id());
    f.fails(ErrorCode.PRODUCT_NOT_FOUND, CatalogApi.GET_PRODUCT, new GetProduct(created.id(), "en", true));
    f.fails(ErrorCode.PRODUCT_NOT_FOUND, CatalogApi.GET_PRODUCT_BY_SLUG, new GetProductBySlug(newSlug, "en", true));
    f.fails(ErrorCode.PRODUCT_NOT_FOUND, CatalogApi.DELETE_PRODUCT, new DeleteProduct(created.id()));
  }

  @Test
  void reportsEveryInvalidFieldByPath() {
    var bad = new ProductInput("Not A Slug", null, "fr",
      Map.of("en", new Translation(" ", null)), null, Map.of(), null, null,
      List.of(new VariantInput("bad sku!", null, List.of(Money.of(-1, "EUR"), Money.of(5, "EUR")), -3),
        variant("DUP-" + u, 100, 1), variant("DUP-" + u, 100, 1)));
    var failure = f.fails(ErrorCode.VALIDATION_FAILED, CatalogApi.CREATE_PRODUCT, new CreateProduct(bad));
    var fields = failure.errors().stream().map(e -> e.field()).collect(Collectors.toSet());
    for (String expected : List.of("slug", "status", "defaultLocale", "translations.en.name", "variants[0].sku",
      "variants[0].prices[0].amount", "variants[0].prices[1].currency", "variants[0].stockOnHand", "variants[2].sku")) {
      assertTrue(fields.contains(expected), expected + " missing from " + fields);
    }
    var none = Inputs.withVariants(product("no-variants-" + u, List.of()), List.of());
    var noVariants = f.fails(ErrorCode.VALIDATION_FAILED, CatalogApi.CREATE_PRODUCT, new CreateProduct(none));
    assertEquals("variants", noVariants.errors().get(0).field());
    var unknownCategory = Inputs.withCategories(product("unknown-cat-" + u, List.of(variant("UC-" + u, 1, 1))),
      List.of(UUID.randomUUID()));
    var category = f.fails(ErrorCode.VALIDATION_FAILED, CatalogApi.CREATE_PRODUCT, new CreateProduct(unknownCategory));
    assertEquals("categoryIds[0]", category.errors().get(0).field());
  }

  @Test
  void slugAndSkuMustBeUnique() {
    Product first = f.call(CatalogApi.CREATE_PRODUCT, new CreateProduct(product("taken-" + u, List.of(variant("TK-" + u, 100, 1)))));
    f.fails(ErrorCode.SLUG_TAKEN, CatalogApi.CREATE_PRODUCT,
      new CreateProduct(product("taken-" + u, List.of(variant("TK2-" + u, 100, 1)))));
    f.fails(ErrorCode.SKU_TAKEN, CatalogApi.CREATE_PRODUCT,
      new CreateProduct(product("other-" + u, List.of(variant("TK-" + u, 100, 1)))));
    f.fails(ErrorCode.SKU_TAKEN, CatalogApi.ADD_VARIANT, new AddVariant(first.id(), variant("TK-" + u, 100, 1)));
    f.fails(ErrorCode.PRODUCT_NOT_FOUND, CatalogApi.GET_PRODUCT_BY_SLUG, new GetProductBySlug("other-" + u, "en", true));
  }

  @Test
  void staleVersionConflicts() {
    Product p = f.call(CatalogApi.CREATE_PRODUCT, new CreateProduct(product("versioned-" + u, List.of(variant("VR-" + u, 100, 1)))));
    ProductInput input = product("versioned-" + u, "Versioned v2", null, List.of(variant("VR-" + u, 200, 1)));
    Product v2 = f.call(CatalogApi.UPDATE_PRODUCT, new UpdateProduct(p.id(), 1, input));
    assertEquals(2, v2.version());
    f.fails(ErrorCode.VERSION_CONFLICT, CatalogApi.UPDATE_PRODUCT, new UpdateProduct(p.id(), 1, input));
    f.fails(ErrorCode.PRODUCT_NOT_FOUND, CatalogApi.UPDATE_PRODUCT, new UpdateProduct(UUID.randomUUID(), 1, input));
  }

  @Test
  void unpublishedIsHiddenFromCustomersOnly() {
    ProductInput draft = Inputs.withStatus(product("draft-" + u, List.of(variant("DR-" + u, 100, 1))),
      ProductStatus.DRAFT);
    Product p = f.call(CatalogApi.CREATE_PRODUCT, new CreateProduct(draft));
    f.fails(ErrorCode.PRODUCT_NOT_FOUND, CatalogApi.GET_PRODUCT, new GetProduct(p.id(), "en", false));
    f.fails(ErrorCode.PRODUCT_NOT_FOUND, CatalogApi.GET_PRODUCT_BY_SLUG, new GetProductBySlug("draft-" + u, "en", false));
    ProductView staff = f.call(CatalogApi.GET_PRODUCT, new GetProduct(p.id(), "en", true));
    assertEquals(p.id(), staff.id());
    Product admin = f.call(CatalogApi.GET_ADMIN_PRODUCT, new GetAdminProduct(p.id()));
    assertEquals(ProductStatus.DRAFT, admin.status());
  }

  @Test
  void fallsBackToTheDefaultLocale() {
    Product p = f.call(CatalogApi.CREATE_PRODUCT,
      new CreateProduct(product("locale-" + u, "Wool scarf", "Wollschal", List.of(variant("LC-" + u, 100, 1)))));
    ProductView french = f.call(CatalogApi.GET_PRODUCT, new GetProduct(p.id(), "fr", false));
    assertEquals("en", french.locale());
    assertEquals("Wool scarf", french.name());
    assertEquals("Wool scarf", french.seo().title(), "an empty SEO title falls back to the name");
    ProductView swiss = f.call(CatalogApi.GET_PRODUCT, new GetProduct(p.id(), "de-CH", false));
    assertEquals("de", swiss.locale());
    assertEquals("Wollschal", swiss.name());
    ProductView none = f.call(CatalogApi.GET_PRODUCT, new GetProduct(p.id(), null, false));
    assertEquals("en", none.locale());
  }

  @Test
  void addsAndRemovesVariantsButNeverTheLast() {
    Product p = f.call(CatalogApi.CREATE_PRODUCT, new CreateProduct(product("variants-" + u, List.of(variant("VA-" + u, 100, 1)))));
    Product added = f.call(CatalogApi.ADD_VARIANT, new AddVariant(p.id(), variant("VB-" + u, 150, 2)));
    assertEquals(List.of("VA-" + u, "VB-" + u), added.variants().stream().map(Variant::sku).toList());
    assertEquals(2, added.version());
    f.fails(ErrorCode.VALIDATION_FAILED, CatalogApi.ADD_VARIANT, new AddVariant(p.id(), variant("bad sku", 1, 1)));
    f.fails(ErrorCode.PRODUCT_NOT_FOUND, CatalogApi.ADD_VARIANT, new AddVariant(UUID.randomUUID(), variant("VC-" + u, 1, 1)));

    Product removed = f.call(CatalogApi.REMOVE_VARIANT, new RemoveVariant("VA-" + u));
    assertEquals(List.of("VB-" + u), removed.variants().stream().map(Variant::sku).toList());
    assertEquals(3, removed.version());
    var last = f.fails(ErrorCode.VALIDATION_FAILED, CatalogApi.REMOVE_VARIANT, new RemoveVariant("VB-" + u));
    assertEquals("sku", last.errors().get(0).field());
    f.fails(ErrorCode.VARIANT_NOT_FOUND, CatalogApi.REMOVE_VARIANT, new RemoveVariant("VA-" + u));
  }

  @Test
  void concurrentUpdatesOfOneVersionLetExactlyOneWin() {
    Product p = f.call(CatalogApi.CREATE_PRODUCT, new CreateProduct(product("race-" + u, List.of(variant("RC-" + u, 100, 1)))));
    var futures = new ArrayList<Future<Product>>();
    for (int i = 0; i < 8; i++) {
      ProductInput input = product("race-" + u, "Racer " + i, null, List.of(variant("RC-" + u, 100 + i, 1)));
      futures.add(f.bus.request(CatalogApi.UPDATE_PRODUCT, new UpdateProduct(p.id(), p.version(), input), Caller.SYSTEM));
    }
    CatalogFixture.await(Future.join(futures).otherwiseEmpty());
    long won = futures.stream().filter(Future::succeeded).count();
    assertEquals(1, won);
    futures.stream().filter(Future::failed).forEach(fut ->
      assertEquals(ErrorCode.VERSION_CONFLICT, ((Failure) fut.cause()).errorCode()));
    Product now = f.call(CatalogApi.GET_ADMIN_PRODUCT, new GetAdminProduct(p.id()));
    assertEquals(2, now.version());
    assertNotEquals(p.translations(), now.translations());
  }
}
