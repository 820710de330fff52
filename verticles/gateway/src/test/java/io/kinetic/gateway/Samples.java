package io.kinetic.gateway;

import io.kinetic.kernel.contract.catalog.CategoryView;
import io.kinetic.kernel.contract.catalog.Media;
import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.contract.catalog.ProductStatus;
import io.kinetic.kernel.contract.catalog.ProductView;
import io.kinetic.kernel.contract.catalog.Seo;
import io.kinetic.kernel.contract.catalog.Translation;
import io.kinetic.kernel.contract.catalog.Variant;
import io.kinetic.kernel.money.Money;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Fixed replies for the fake catalog. */
public final class Samples {

  public static final Instant CREATED = Instant.parse("2026-11-21T10:00:00Z");

  private Samples() {
  }

  public static ProductView view(UUID id, String slug, String locale, List<UUID> categoryIds) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("material", "linen");
    attributes.put("weight", Map.of("value", 180, "unit", "g"));
    attributes.put("organic", true);
    var variant = new Variant(UUID.randomUUID(), "LS-42-M-BLUE", Map.of("size", "M", "colour", "blue"),
      List.of(Money.of(3999, "EUR"), Money.of(4299, "USD")), 12, 12);
    return new ProductView(id, slug, ProductStatus.PUBLISHED, locale, "Linen shirt", "Light and airy",
      categoryIds, attributes, List.of(new Media("/media/placeholder/" + slug + "-1.svg", "Linen shirt")),
      new Seo("Linen shirt", "A shirt"), List.of(variant), CREATED, CREATED, 3);
  }

  public static Product product(UUID id, String slug, long version) {
    var variant = new Variant(UUID.randomUUID(), ("SKU-" + slug).substring(0, Math.min(64, slug.length() + 4)), Map.of("size", "M"), List.of(Money.of(1500, "EUR")), 3, 3);
    return new Product(id, slug, ProductStatus.DRAFT, "en", Map.of("en", new Translation("Tee", "d")), List.of(),
      Map.of(), List.of(), new Seo("t", "d"), List.of(variant), CREATED, CREATED, version);
  }

  public static CategoryView category(UUID id, String name) {
    return new CategoryView(id, null, name.toLowerCase(), name, 0);
  }
}
