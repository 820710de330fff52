package io.kinetic.recommendations;

import io.kinetic.kernel.contract.catalog.Media;
import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.contract.catalog.ProductStatus;
import io.kinetic.kernel.contract.catalog.Translation;
import io.kinetic.kernel.contract.catalog.Variant;
import io.kinetic.kernel.contract.recommendations.RecommendedProduct;
import io.kinetic.kernel.money.Money;
import io.kinetic.recommendations.model.ProductFeatures;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the recommender keeps of a catalog product: enough for a card, for the filters (published,
 * available) and for content similarity. Built from the catalog's own {@link Product} (its bus API).
 */
record CatalogItem(UUID id, String slug, boolean published, String defaultLocale, Map<String, Translation> translations,
                   List<UUID> categoryIds, Map<String, Object> attributes, Media image, List<Variant> variants,
                   Map<UUID, Integer> available, long version) {

  static CatalogItem of(Product p) {
    var available = new HashMap<UUID, Integer>();
    p.variants().forEach(v -> available.put(v.id(), v.available()));
    return new CatalogItem(p.id(), p.slug(), p.status() == ProductStatus.PUBLISHED, p.defaultLocale(),
      p.translations() == null ? Map.of() : p.translations(), p.categoryIds() == null ? List.of() : p.categoryIds(),
      p.attributes() == null ? Map.of() : p.attributes(), p.media() == null || p.media().isEmpty() ? null : p.media().get(0),
      p.variants(), available, p.version());
  }

  /** The same product with a variant's availability changed (the cart reserved or released units). */
  CatalogItem withAvailable(UUID variant, int units) {
    var copy = new HashMap<>(available);
    copy.put(variant, units);
    return new CatalogItem(id, slug, published, defaultLocale, translations, categoryIds, attributes, image, variants, copy, version);
  }

  boolean inStock() {
    for (int units : available.values()) {
      if (units > 0) {
        return true;
      }
    }
    return false;
  }

  String name(String locale) {
    Translation t = locale == null ? null : translations.get(locale);
    if (t == null) {
      t = translations.get(defaultLocale);
    }
    if (t == null && !translations.isEmpty()) {
      t = translations.values().iterator().next();
    }
    return t == null ? slug : t.name();
  }

  /** The lowest price in {@code currency}, or null. */
  Money price(String currency) {
    Money lowest = null;
    for (Variant v : variants) {
      Money m = v.price(currency);
      if (m != null && (lowest == null || m.amount() < lowest.amount())) {
        lowest = m;
      }
    }
    return lowest;
  }

  RecommendedProduct card(String locale, String currency) {
    return new RecommendedProduct(id, slug, name(locale), image, price(currency), inStock());
  }

  ProductFeatures features(String currency) {
    Set<String> categories = new HashSet<>();
    categoryIds.forEach(c -> categories.add(c.toString()));
    Set<String> attrs = new HashSet<>();
    attributes.forEach((code, value) -> attrs.add(code + "=" + (value instanceof Map<?, ?> m ? m.get("value") : value)));
    Translation t = translations.get(defaultLocale);
    Money price = price(currency);
    return new ProductFeatures(id, categories, attrs, ProductFeatures.words(t == null ? slug : t.name(), t == null ? null : t.description()),
      price == null || price.amount() <= 0 ? Double.NaN : Math.log(price.amount()));
  }
}
