package io.kinetic.gateway.catalog;

import graphql.schema.DataFetchingEnvironment;
import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.contract.catalog.Translation;
import io.kinetic.kernel.contract.catalog.Variant;
import io.kinetic.kernel.money.Money;
import java.util.List;
import java.util.Map;

/** The catalog's GraphQL-only shapes (lists of pairs where the kernel records have maps) and their fetchers. */
final class CatalogShapes {

  private CatalogShapes() {
  }

  record Entry(String key, String value) {
  }

  record LocalizedName(String locale, String name) {
  }

  record TranslationView(String locale, String name, String description) {
  }

  /** {@code Variant.options}. */
  static List<Entry> options(Variant variant) {
    return variant.options() == null ? List.of()
      : variant.options().entrySet().stream().map(e -> new Entry(e.getKey(), e.getValue())).toList();
  }

  /** {@code Variant.price(currency)}. */
  static Money price(DataFetchingEnvironment env) {
    Variant variant = env.getSource();
    return variant.price(env.getArgument("currency"));
  }

  /** {@code CategoryDefinition.names}, {@code AttributeDefinition.names}. */
  static List<LocalizedName> names(Map<String, String> names) {
    return names == null ? List.of()
      : names.entrySet().stream().map(e -> new LocalizedName(e.getKey(), e.getValue())).toList();
  }

  /** {@code AdminProduct.translations}. */
  static List<TranslationView> translations(DataFetchingEnvironment env) {
    Map<String, Translation> translations = ((Product) env.getSource()).translations();
    return translations == null ? List.of() : translations.entrySet().stream()
      .map(e -> new TranslationView(e.getKey(), e.getValue().name(), e.getValue().description())).toList();
  }
}
