package io.kinetic.search;

import java.util.List;

/**
 * The locales search analyses (stemming, stop words): English and German. Another locale is
 * searched with the English analysis over its own names where the product has them.
 */
final class SearchLocales {

  static final List<String> SUPPORTED = List.of("en", "de");

  private SearchLocales() {
  }

  /** The supported locale for {@code locale} ({@code de-AT} is {@code de}); English otherwise. */
  static String of(String locale) {
    if (locale == null || locale.isBlank()) {
      return SUPPORTED.get(0);
    }
    String language = locale.toLowerCase(java.util.Locale.ROOT).split("[-_]")[0];
    return SUPPORTED.contains(language) ? language : SUPPORTED.get(0);
  }

  /** The text search configuration of a supported locale (created by the schema's migration). */
  static String config(String supported) {
    return "kinetic_" + supported;
  }

  /** The vector column of a supported locale. */
  static String vector(String supported) {
    return "vector_" + supported;
  }
}
