package io.kinetic.catalog;

import io.kinetic.kernel.contract.catalog.CategoryInput;
import io.kinetic.kernel.contract.catalog.Media;
import io.kinetic.kernel.contract.catalog.ProductInput;
import io.kinetic.kernel.contract.catalog.ProductStatus;
import io.kinetic.kernel.contract.catalog.Seo;
import io.kinetic.kernel.contract.catalog.Translation;
import io.kinetic.kernel.contract.catalog.VariantInput;
import io.kinetic.kernel.money.Money;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builders for valid inputs that tests then vary. */
final class Inputs {

  private Inputs() {
  }

  static ProductInput product(String slug, String nameEn, String nameDe, List<VariantInput> variants) {
    var translations = new LinkedHashMap<String, Translation>();
    translations.put("en", new Translation(nameEn, "About " + nameEn));
    if (nameDe != null) {
      translations.put("de", new Translation(nameDe, "Über " + nameDe));
    }
    return new ProductInput(slug, ProductStatus.PUBLISHED, "en", translations, List.of(), Map.of(),
      List.of(new Media("/media/placeholder/" + slug + "-1.svg", nameEn)), new Seo(null, null), variants);
  }

  static ProductInput product(String slug, List<VariantInput> variants) {
    return product(slug, "Product " + slug, "Produkt " + slug, variants);
  }

  static VariantInput variant(String sku, long eur, int stock) {
    return new VariantInput(sku, Map.of("size", "M"), List.of(Money.of(eur, "EUR")), stock);
  }

  static VariantInput variant(String sku, List<Money> prices) {
    return new VariantInput(sku, Map.of(), prices, 1);
  }

  static ProductInput withStatus(ProductInput p, ProductStatus status) {
    return new ProductInput(p.slug(), status, p.defaultLocale(), p.translations(), p.categoryIds(), p.attributes(),
      p.media(), p.seo(), p.variants());
  }

  static ProductInput withSlug(ProductInput p, String slug) {
    return new ProductInput(slug, p.status(), p.defaultLocale(), p.translations(), p.categoryIds(), p.attributes(),
      p.media(), p.seo(), p.variants());
  }

  static ProductInput withCategories(ProductInput p, List<UUID> categoryIds) {
    return new ProductInput(p.slug(), p.status(), p.defaultLocale(), p.translations(), categoryIds, p.attributes(),
      p.media(), p.seo(), p.variants());
  }

  static ProductInput withAttributes(ProductInput p, Map<String, Object> attributes) {
    return new ProductInput(p.slug(), p.status(), p.defaultLocale(), p.translations(), p.categoryIds(), attributes,
      p.media(), p.seo(), p.variants());
  }

  static ProductInput withVariants(ProductInput p, List<VariantInput> variants) {
    return new ProductInput(p.slug(), p.status(), p.defaultLocale(), p.translations(), p.categoryIds(), p.attributes(),
      p.media(), p.seo(), variants);
  }

  static CategoryInput category(String slug, UUID parentId, int position) {
    return new CategoryInput(slug, parentId, Map.of("en", "Category " + slug, "de", "Kategorie " + slug), position);
  }
}
