package io.kinetic.kernel.contract.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A product as a customer sees it, in one locale: {@code locale} is the one actually used after
 * fallback. Number attributes appear as {@code {"value": 180, "unit": "g"}}.
 */
public record ProductView(
  UUID id,
  String slug,
  ProductStatus status,
  String locale,
  String name,
  String description,
  List<UUID> categoryIds,
  Map<String, Object> attributes,
  List<Media> media,
  Seo seo,
  List<Variant> variants,
  Instant createdAt,
  Instant updatedAt,
  long version) {
}
