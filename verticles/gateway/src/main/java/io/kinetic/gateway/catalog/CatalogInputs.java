package io.kinetic.gateway.catalog;

import io.kinetic.gateway.graphql.Gql;
import io.kinetic.kernel.contract.catalog.AttributeInput;
import io.kinetic.kernel.contract.catalog.AttributeType;
import io.kinetic.kernel.contract.catalog.CategoryInput;
import io.kinetic.kernel.contract.catalog.Media;
import io.kinetic.kernel.contract.catalog.ProductInput;
import io.kinetic.kernel.contract.catalog.ProductStatus;
import io.kinetic.kernel.contract.catalog.Seo;
import io.kinetic.kernel.contract.catalog.Translation;
import io.kinetic.kernel.contract.catalog.VariantInput;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.money.Money;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * GraphQL admin input objects (lists of key/value pairs where REST has maps) to the kernel's
 * command records. Shape errors throw {@code VALIDATION_FAILED} naming the field; business rules
 * stay with the catalog.
 */
@SuppressWarnings("unchecked")
final class CatalogInputs {

  private CatalogInputs() {
  }

  static ProductInput product(Map<String, Object> in) {
    var translations = new LinkedHashMap<String, Translation>();
    List<Map<String, Object>> translationMaps = maps(in.get("translations"));
    for (int i = 0; i < translationMaps.size(); i++) {
      Map<String, Object> t = translationMaps.get(i);
      once(translations, (String) t.get("locale"), new Translation((String) t.get("name"), (String) t.get("description")),
        "input.translations[" + i + "].locale");
    }
    var categoryIds = new ArrayList<UUID>();
    List<Object> ids = in.get("categoryIds") == null ? List.of() : (List<Object>) in.get("categoryIds");
    for (int i = 0; i < ids.size(); i++) {
      categoryIds.add(Gql.id("input.categoryIds[" + i + "]", ids.get(i)));
    }
    Object attributes = in.get("attributes");
    if (attributes != null && !(attributes instanceof Map)) {
      throw Failure.invalid("input.attributes", "must be an object of attribute code to value");
    }
    var media = maps(in.get("media")).stream().map(m -> new Media((String) m.get("url"), (String) m.get("alt"))).toList();
    Map<String, Object> seo = (Map<String, Object>) in.get("seo");
    var variants = new ArrayList<VariantInput>();
    List<Map<String, Object>> variantMaps = maps(in.get("variants"));
    for (int i = 0; i < variantMaps.size(); i++) {
      variants.add(variant(variantMaps.get(i), "input.variants[" + i + "]"));
    }
    Object status = in.get("status");
    return new ProductInput(
      (String) in.get("slug"),
      status == null ? null : ProductStatus.valueOf(status.toString()),
      (String) in.get("defaultLocale"),
      translations,
      categoryIds,
      attributes == null ? Map.of() : (Map<String, Object>) attributes,
      media,
      seo == null ? null : new Seo((String) seo.get("title"), (String) seo.get("description")),
      variants,
      (String) in.get("taxClass"));
  }

  static VariantInput variant(Map<String, Object> in, String field) {
    var options = new LinkedHashMap<String, String>();
    List<Map<String, Object>> optionMaps = maps(in.get("options"));
    for (int i = 0; i < optionMaps.size(); i++) {
      once(options, (String) optionMaps.get(i).get("key"), (String) optionMaps.get(i).get("value"), field + ".options[" + i + "].key");
    }
    var prices = new ArrayList<Money>();
    List<Map<String, Object>> priceMaps = maps(in.get("prices"));
    for (int i = 0; i < priceMaps.size(); i++) {
      prices.add(money(((Number) priceMaps.get(i).get("amount")).longValue(), (String) priceMaps.get(i).get("currency"),
        field + ".prices[" + i + "]"));
    }
    Integer stock = (Integer) in.get("stockOnHand");
    if (stock != null && stock < 0) {
      throw Failure.invalid(field + ".stockOnHand", "must be 0 or more");
    }
    return new VariantInput((String) in.get("sku"), options, prices, stock);
  }

  static Money money(long amount, String currency, String field) {
    if (amount < 0) {
      throw Failure.invalid(field + ".amount", "must be 0 or more");
    }
    if (!Money.isCurrency(currency)) {
      throw Failure.invalid(field + ".currency", "is not an ISO 4217 currency code");
    }
    return Money.of(amount, currency);
  }

  static CategoryInput category(Map<String, Object> in) {
    Object parent = in.get("parentId");
    Integer position = (Integer) in.get("position");
    if (position != null && position < 0) {
      throw Failure.invalid("input.position", "must be 0 or more");
    }
    return new CategoryInput((String) in.get("slug"), parent == null ? null : Gql.id("input.parentId", parent),
      names(in.get("names")), position);
  }

  static AttributeInput attribute(Map<String, Object> in) {
    List<String> values = in.get("values") == null ? null : List.copyOf((List<String>) in.get("values"));
    return new AttributeInput((String) in.get("code"), AttributeType.valueOf(in.get("type").toString()),
      (String) in.get("unit"), values, names(in.get("names")));
  }

  private static Map<String, String> names(Object value) {
    var names = new LinkedHashMap<String, String>();
    List<Map<String, Object>> nameMaps = maps(value);
    for (int i = 0; i < nameMaps.size(); i++) {
      once(names, (String) nameMaps.get(i).get("locale"), (String) nameMaps.get(i).get("name"), "input.names[" + i + "].locale");
    }
    return names;
  }

  /**
   * A list entry where REST has an object's key: the same key twice is refused naming the second,
   * as REST refuses a duplicate key, rather than the last one silently winning.
   */
  private static <V> void once(Map<String, V> map, String key, V value, String field) {
    if (map.containsKey(key)) {
      throw Failure.invalid(field, "is given twice: send it once");
    }
    map.put(key, value);
  }

  private static List<Map<String, Object>> maps(Object value) {
    return value == null ? List.of() : (List<Map<String, Object>>) value;
  }
}
