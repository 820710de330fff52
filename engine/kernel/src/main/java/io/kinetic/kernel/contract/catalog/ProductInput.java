package io.kinetic.kernel.contract.catalog;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A whole product as an admin writes it (create, or replace on update). {@code taxClass}: which of
 * the shop's VAT rates applies (absent: {@code standard}; e.g. {@code reduced}).
 */
public record ProductInput(
  String slug,
  ProductStatus status,
  String defaultLocale,
  Map<String, Translation> translations,
  List<UUID> categoryIds,
  Map<String, Object> attributes,
  List<Media> media,
  Seo seo,
  List<VariantInput> variants,
  String taxClass) {

  /** A product of the standard tax class. */
  public ProductInput(String slug, ProductStatus status, String defaultLocale, Map<String, Translation> translations,
                      List<UUID> categoryIds, Map<String, Object> attributes, List<Media> media, Seo seo,
                      List<VariantInput> variants) {
    this(slug, status, defaultLocale, translations, categoryIds, attributes, media, seo, variants, null);
  }
}
