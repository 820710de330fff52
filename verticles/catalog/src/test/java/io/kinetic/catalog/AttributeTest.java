package io.kinetic.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.Attribute;
import io.kinetic.kernel.contract.catalog.AttributeInput;
import io.kinetic.kernel.contract.catalog.AttributeList;
import io.kinetic.kernel.contract.catalog.AttributeType;
import io.kinetic.kernel.contract.catalog.AttributeView;
import io.kinetic.kernel.contract.catalog.CreateProduct;
import io.kinetic.kernel.contract.catalog.DefineAttribute;
import io.kinetic.kernel.contract.catalog.DeleteAttribute;
import io.kinetic.kernel.contract.catalog.DeleteProduct;
import io.kinetic.kernel.contract.catalog.GetProduct;
import io.kinetic.kernel.contract.catalog.ListAttributes;
import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.contract.catalog.ProductInput;
import io.kinetic.kernel.contract.catalog.ProductView;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AttributeTest {

  private final CatalogFixture f = CatalogFixture.get();
  private final String u = CatalogFixture.unique();

  @Test
  void productValuesMustMatchTheirDefinitions() {
    String material = define("material_" + u, AttributeType.ENUM, null, List.of("linen", "wool"));
    String weight = define("weight_" + u, AttributeType.NUMBER, "g", null);
    String organic = define("organic_" + u, AttributeType.BOOLEAN, null, null);
    String brand = define("brand_" + u, AttributeType.TEXT, null, null);

    var wrong = new LinkedHashMap<String, Object>();
    wrong.put(material, "silk");
    wrong.put(weight, "heavy");
    wrong.put(organic, "yes");
    wrong.put(brand, 42);
    wrong.put("unknown_" + u, "x");
    var failure = f.fails(ErrorCode.VALIDATION_FAILED, CatalogApi.CREATE_PRODUCT, new CreateProduct(productWith("typed-bad-" + u, wrong)));
    assertEquals(Set.of("attributes." + material, "attributes." + weight, "attributes." + organic, "attributes." + brand,
      "attributes.unknown_" + u), failure.errors().stream().map(FieldError::field).collect(Collectors.toSet()));

    Product ok = f.call(CatalogApi.CREATE_PRODUCT, new CreateProduct(productWith("typed-ok-" + u,
      Map.of(material, "linen", weight, 180, organic, true, brand, "Kinetic"))));
    ProductView view = f.call(CatalogApi.GET_PRODUCT, new GetProduct(ok.id(), "en", false));
    assertEquals(Map.of("value", 180, "unit", "g"), view.attributes().get(weight));
    assertEquals("linen", view.attributes().get(material));
    assertEquals(true, view.attributes().get(organic));
    assertEquals(180, ok.attributes().get(weight), "staff see the stored value");
  }

  @Test
  void listsLocalisedDefinitions() {
    String code = define("colour_" + u, AttributeType.ENUM, null, List.of("red", "blue"));
    AttributeList list = f.call(CatalogApi.LIST_ATTRIBUTES, new ListAttributes("de"));
    AttributeView view = list.items().stream().filter(a -> a.code().equals(code)).findFirst().orElseThrow();
    assertEquals("Name de " + code, view.name());
    assertEquals(List.of("red", "blue"), view.values());
    AttributeList french = f.call(CatalogApi.LIST_ATTRIBUTES, new ListAttributes("fr"));
    assertEquals("Name en " + code,
      french.items().stream().filter(a -> a.code().equals(code)).findFirst().orElseThrow().name());
  }

  @Test
  void cannotDeleteOrNarrowAnAttributeInUse() {
    String code = define("fabric_" + u, AttributeType.ENUM, null, List.of("linen", "wool"));
    Product p = f.call(CatalogApi.CREATE_PRODUCT, new CreateProduct(productWith("in-use-" + u, Map.of(code, "wool"))));
    f.fails(ErrorCode.ATTRIBUTE_IN_USE, CatalogApi.DELETE_ATTRIBUTE, new DeleteAttribute(code));
    f.fails(ErrorCode.ATTRIBUTE_IN_USE, CatalogApi.DEFINE_ATTRIBUTE, new DefineAttribute(new AttributeInput(code,
      AttributeType.ENUM, null, List.of("linen"), Map.of("en", "Fabric"))));
    f.fails(ErrorCode.ATTRIBUTE_IN_USE, CatalogApi.DEFINE_ATTRIBUTE, new DefineAttribute(new AttributeInput(code,
      AttributeType.NUMBER, null, null, Map.of("en", "Fabric"))));
    Attribute widened = f.call(CatalogApi.DEFINE_ATTRIBUTE, new DefineAttribute(new AttributeInput(code,
      AttributeType.ENUM, null, List.of("linen", "wool", "silk"), Map.of("en", "Fabric"))));
    assertEquals(List.of("linen", "wool", "silk"), widened.values());

    f.call(CatalogApi.DELETE_PRODUCT, new DeleteProduct(p.id()));
    f.call(CatalogApi.DELETE_ATTRIBUTE, new DeleteAttribute(code));
    f.fails(ErrorCode.ATTRIBUTE_NOT_FOUND, CatalogApi.DELETE_ATTRIBUTE, new DeleteAttribute(code));
    AttributeList list = f.call(CatalogApi.LIST_ATTRIBUTES, new ListAttributes("en"));
    assertTrue(list.items().stream().noneMatch(a -> a.code().equals(code)));
  }

  @Test
  void validatesDefinitions() {
    var failure = f.fails(ErrorCode.VALIDATION_FAILED, CatalogApi.DEFINE_ATTRIBUTE, new DefineAttribute(
      new AttributeInput("Bad Code", AttributeType.BOOLEAN, "kg", List.of("a"), Map.of())));
    assertEquals(Set.of("code", "unit", "values", "names"),
      failure.errors().stream().map(FieldError::field).collect(Collectors.toSet()));
    var enumWithout = f.fails(ErrorCode.VALIDATION_FAILED, CatalogApi.DEFINE_ATTRIBUTE, new DefineAttribute(
      new AttributeInput("enum_" + u, AttributeType.ENUM, null, List.of(), Map.of("en", "E"))));
    assertEquals("values", enumWithout.errors().get(0).field());
    var noType = f.fails(ErrorCode.VALIDATION_FAILED, CatalogApi.DEFINE_ATTRIBUTE, new DefineAttribute(
      new AttributeInput("typeless_" + u, null, null, null, Map.of("en", "T"))));
    assertEquals("type", noType.errors().get(0).field());
  }

  private String define(String code, AttributeType type, String unit, List<String> values) {
    Attribute a = f.call(CatalogApi.DEFINE_ATTRIBUTE, new DefineAttribute(new AttributeInput(code, type, unit, values,
      Map.of("en", "Name en " + code, "de", "Name de " + code))));
    assertEquals(code, a.code());
    return code;
  }

  private ProductInput productWith(String slug, Map<String, Object> attributes) {
    return Inputs.withAttributes(Inputs.product(slug, List.of(Inputs.variant("AT-" + slug, 100, 1))), attributes);
  }
}
