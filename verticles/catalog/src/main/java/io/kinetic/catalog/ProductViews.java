package io.kinetic.catalog;

import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.contract.catalog.ProductView;
import io.kinetic.kernel.contract.catalog.Seo;
import io.kinetic.kernel.contract.catalog.Translation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Localises products (and names of categories and attributes) for customers. */
final class ProductViews {

  private ProductViews() {
  }

  /** The product in {@code requested} locale, else its default locale; number attributes gain their unit. */
  static ProductView view(Product p, String requested, AttributeRegistry attributes) {
    String locale = locale(p.translations().keySet(), requested, p.defaultLocale());
    Translation t = p.translations().get(locale);
    var shown = new LinkedHashMap<String, Object>();
    p.attributes().forEach((code, value) -> shown.put(code, AttributeValues.view(attributes.get(code), value)));
    Seo seo = p.seo() == null ? new Seo(null, null) : p.seo();
    seo = new Seo(blank(seo.title()) ? t.name() : seo.title(), blank(seo.description()) ? t.description() : seo.description());
    return new ProductView(p.id(), p.slug(), p.status(), locale, t.name(), t.description(), p.categoryIds(),
      Collections.unmodifiableMap(shown), p.media(), seo, p.variants(), p.createdAt(), p.updatedAt(), p.version());
  }

  /**
   * The locale to show: {@code requested} when available, else its language ({@code de} for
   * {@code de-CH}), else {@code fallback}.
   */
  static String locale(Set<String> available, String requested, String fallback) {
    if (requested != null && !requested.isBlank()) {
      if (available.contains(requested)) {
        return requested;
      }
      int dash = requested.indexOf('-');
      if (dash > 0 && available.contains(requested.substring(0, dash))) {
        return requested.substring(0, dash);
      }
    }
    return fallback;
  }

  /** A name in {@code requested} locale, else in {@code fallback}, else in the first locale there is. */
  static String name(Map<String, String> names, String requested, String fallback) {
    if (names == null || names.isEmpty()) {
      return null;
    }
    String name = names.get(locale(names.keySet(), requested, fallback));
    return name != null ? name : names.get(new TreeSet<>(names.keySet()).first());
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
