package io.kinetic.kernel.contract.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The full product as staff see it, with every translation. {@code version} grows with each change.
 * {@code taxClass}: which of the shop's VAT rates applies ({@code standard} unless set).
 */
public record Product(
  UUID id,
  String slug,
  ProductStatus status,
  String defaultLocale,
  Map<String, Translation> translations,
  List<UUID> categoryIds,
  Map<String, Object> attributes,
  List<Media> media,
  Seo seo,
  List<Variant> variants,
  Instant createdAt,
  Instant updatedAt,
  long version,
  String taxClass) {

  public static final String STANDARD_TAX_CLASS = "standard";

  /** A product saved without SEO fields has empty ones (never null: the contract's {@code seo} is an object). */
  public Product {
    seo = seo == null ? new Seo(null, null) : seo;
    taxClass = taxClass == null || taxClass.isBlank() ? STANDARD_TAX_CLASS : taxClass;
  }

  /** A product of the standard tax class. */
  public Product(UUID id, String slug, ProductStatus status, String defaultLocale, Map<String, Translation> translations,
                 List<UUID> categoryIds, Map<String, Object> attributes, List<Media> media, Seo seo, List<Variant> variants,
                 Instant createdAt, Instant updatedAt, long version) {
    this(id, slug, status, defaultLocale, translations, categoryIds, attributes, media, seo, variants, createdAt, updatedAt,
      version, null);
  }
}
