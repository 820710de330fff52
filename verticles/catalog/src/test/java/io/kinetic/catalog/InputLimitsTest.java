package io.kinetic.catalog;

import static io.kinetic.catalog.Inputs.product;
import static io.kinetic.catalog.Inputs.variant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.AttributeInput;
import io.kinetic.kernel.contract.catalog.AttributeType;
import io.kinetic.kernel.contract.catalog.CategoryInput;
import io.kinetic.kernel.contract.catalog.CreateProduct;
import io.kinetic.kernel.contract.catalog.DefineAttribute;
import io.kinetic.kernel.contract.catalog.DeleteAttribute;
import io.kinetic.kernel.contract.catalog.GetProductBySlug;
import io.kinetic.kernel.contract.catalog.ListProducts;
import io.kinetic.kernel.contract.catalog.Media;
import io.kinetic.kernel.contract.catalog.ProductInput;
import io.kinetic.kernel.contract.catalog.ProductSort;
import io.kinetic.kernel.contract.catalog.RemoveVariant;
import io.kinetic.kernel.contract.catalog.SaveCategory;
import io.kinetic.kernel.contract.catalog.SetPrice;
import io.kinetic.kernel.contract.catalog.SetStock;
import io.kinetic.kernel.contract.catalog.Translation;
import io.kinetic.kernel.contract.catalog.VariantInput;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.money.Money;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Hostile input is a client error with the offending field, never INTERNAL: NUL characters
 * (which PostgreSQL text and jsonb refuse), absurd amounts, and unbounded maps and lists.
 */
class InputLimitsTest {

  private static final String NUL = "\u0000";

  private final CatalogFixture f = CatalogFixture.get();
  private final String u = CatalogFixture.unique();

  @Test
  void nulCharactersInProductTextAreFieldErrors() {
    ProductInput base = product("nul-" + u, List.of(variant("NU-" + u, 100, 1)));
    var translations = Map.of("en", new Translation("Bad" + NUL + "name", "About" + NUL));
    var input = new ProductInput(base.slug(), base.status(), "en", translations, List.of(), Map.of(),
      List.of(new Media("/m" + NUL + ".svg", null)), base.seo(),
      List.of(new VariantInput("NU-" + u, Map.of("size", "M" + NUL), List.of(Money.of(1, "EUR")), 1)));
    assertEquals(Set.of("translations.en.name", "translations.en.description", "media[0].url", "variants[0].options.size"),
      fields(f.fails(ErrorCode.VALIDATION_FAILED, CatalogApi.CREATE_PRODUCT, new CreateProduct(input))));

    var option = Inputs.withVariants(base, List.of(new VariantInput("NU-" + u, Map.of("si" + NUL + "ze", "M"), null, 1)));
    assertEquals(Set.of("variants[0].options"),
      fields(f.fails(ErrorCode.VALIDATION_FAILED, CatalogApi.CREATE_PRODUCT, new CreateProduct(option))));
    var attribute = Inputs.withAttributes(base, Map.of("co" + NUL + "de", "x"));
    assertEquals(Set.of("attributes.co" + NUL + "de"),
      fields(f.fails(ErrorCode.VALIDATION_FAILED, CatalogApi.CREATE_PRODUCT, new CreateProduct(attribute))));
  }

  @Test
  void nulCharactersInLookupsAndFiltersAreNotInternal() {
    f.fails(ErrorCode.PRODUCT_NOT_FOUND, CatalogApi.GET_PRODUCT_BY_SLUG, new GetProductBySlug("a" + NUL, "en", false));
    f.fails(ErrorCode.VARIANT_NOT_FOUND, CatalogApi.SET_STOCK, new SetStock("A" + NUL, 1));
    f.fails(ErrorCode.VARIANT_NOT_FOUND, CatalogApi.SET_PRICE, new SetPrice("A" + NUL, Money.of(1, "EUR")));
    f.fails(ErrorCode.VARIANT_NOT_FOUND, CatalogApi.REMOVE_VARIANT, new RemoveVariant("A" + NUL));
    f.fails(ErrorCode.ATTRIBUTE_NOT_FOUND, CatalogApi.DELETE_ATTRIBUTE, new DeleteAttribute("a" + NUL));

    String code = "txt_" + u.toLowerCase();
    f.call(CatalogApi.DEFINE_ATTRIBUTE, new DefineAttribute(new AttributeInput(code, AttributeType.TEXT, null, null,
      Map.of("en", "Text"))));
    var filter = f.fails(ErrorCode.VALIDATION_FAILED, CatalogApi.LIST_PRODUCTS, list(Map.of(code, "x" + NUL), null));
    assertEquals(Set.of("attributes." + code), fields(filter));
    var nullCode = new HashMap<String, String>();
    nullCode.put(null, "x");
    var nullFilter = f.fails(ErrorCode.VALIDATION_FAILED, CatalogApi.LIST_PRODUCTS, list(nullCode, null));
    assertEquals(Set.of("attributes.null"), fields(nullFilter));
    String cursor = CursorCodec.fromSecret(f.config.auth().jwtSecret())
      .encode(new Cursor(ProductSort.NAME, null, "x" + NUL, UUID.randomUUID()));
    f.fails(ErrorCode.INVALID_CURSOR, CatalogApi.LIST_PRODUCTS, list(null, cursor));

    var names = Map.of("en", "Bad" + NUL);
    var category = f.fails(ErrorCode.VALIDATION_FAILED, CatalogApi.SAVE_CATEGORY,
      new SaveCategory(null, new CategoryInput("nul-cat-" + u, null, names, 0)));
    assertEquals(Set.of("names.en"), fields(category));
    var values = f.fails(ErrorCode.VALIDATION_FAILED, CatalogApi.DEFINE_ATTRIBUTE, new DefineAttribute(
      new AttributeInput("enum_" + u.toLowerCase(), AttributeType.ENUM, null, List.of("a" + NUL), Map.of("en", "E"))));
    assertEquals(Set.of("values[0]"), fields(values));
  }

  @Test
  void absurdAmountsAreRejected() {
    long tooMuch = Long.MAX_VALUE;
    var input = product("rich-" + u, List.of(variant("RI-" + u, tooMuch, 1)));
    assertEquals(Set.of("variants[0].prices[0].amount"),
      fields(f.fails(ErrorCode.VALIDATION_FAILED, CatalogApi.CREATE_PRODUCT, new CreateProduct(input))));
    f.call(CatalogApi.CREATE_PRODUCT, new CreateProduct(product("rich-" + u, List.of(variant("RI-" + u, 100, 1)))));
    var price = f.fails(ErrorCode.VALIDATION_FAILED, CatalogApi.SET_PRICE, new SetPrice("RI-" + u, Money.of(tooMuch, "EUR")));
    assertEquals(Set.of("amount"), fields(price));
  }

  @Test
  void mapsAndListsAreBounded() {
    var attributes = new HashMap<String, Object>();
    for (int i = 0; i < 1_000; i++) {
      attributes.put("attr_" + i, "x");
    }
    var many = Inputs.withAttributes(product("many-attrs-" + u, List.of(variant("MA-" + u, 100, 1))), attributes);
    var failure = f.fails(ErrorCode.VALIDATION_FAILED, CatalogApi.CREATE_PRODUCT, new CreateProduct(many));
    assertEquals(List.of("attributes"), failure.errors().stream().map(e -> e.field()).toList());

    var variants = new ArrayList<VariantInput>();
    for (int i = 0; i < 5_000; i++) {
      variants.add(new VariantInput("bad sku " + i, null, null, null));
    }
    var tooMany = f.fails(ErrorCode.VALIDATION_FAILED, CatalogApi.CREATE_PRODUCT,
      new CreateProduct(Inputs.withVariants(product("many-variants-" + u, List.of()), variants)));
    assertTrue(tooMany.errors().size() <= FieldErrors.MAX, "errors are capped: " + tooMany.errors().size());
    assertEquals("variants", tooMany.errors().get(0).field());

    var values = new ArrayList<String>();
    var names = new HashMap<String, String>();
    for (int i = 0; i < 1_000; i++) {
      values.add("v" + i);
      names.put(locale(i), "Name");
    }
    var definition = f.fails(ErrorCode.VALIDATION_FAILED, CatalogApi.DEFINE_ATTRIBUTE, new DefineAttribute(
      new AttributeInput("big_" + u.toLowerCase(), AttributeType.ENUM, null, values, names)));
    assertEquals(Set.of("values", "names"), fields(definition));
  }

  private static String locale(int i) {
    return "" + (char) ('a' + i % 26) + (char) ('a' + i / 26 % 26) + (char) ('a' + i / 676 % 26);
  }

  private static ListProducts list(Map<String, String> attributes, String after) {
    return new ListProducts(null, attributes, null, null, null, ProductSort.NAME, after, 10, "en", null);
  }

  private static Set<String> fields(Failure failure) {
    return failure.errors().stream().map(e -> e.field()).collect(Collectors.toSet());
  }
}
