package io.kinetic.kernel.contract.catalog;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A whole product as an admin writes it (create, or replace on update). */
public record ProductInput(
  String slug,
  ProductStatus status,
  String defaultLocale,
  Map<String, Translation> translations,
  List<UUID> categoryIds,
  Map<String, Object> attributes,
  List<Media> media,
  Seo seo,
  List<VariantInput> variants) {
}
