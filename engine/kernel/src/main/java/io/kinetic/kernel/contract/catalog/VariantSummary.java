package io.kinetic.kernel.contract.catalog;

import io.kinetic.kernel.money.Money;
import java.util.Map;
import java.util.UUID;

/**
 * What a cart line shows and checkout checks about a variant: its product (id, slug, localized
 * name, status, first image or null), its options, its price in the requested currency (null when
 * it has none in it), the stock on hand, and the product's version it was read at. A variant of an
 * unpublished product is listed with its status; whether it may be sold is the caller's decision.
 * {@code taxClass}: the product's. {@code stockSeq} orders the stock figures of the variant as
 * {@code StockChanged#stockSeq} does (a higher one is newer, whatever the product's version; when
 * a figure has none, e.g. from an older node, the newer product version wins).
 */
public record VariantSummary(
  UUID variantId,
  String sku,
  UUID productId,
  String productSlug,
  String productName,
  ProductStatus status,
  Map<String, String> options,
  Media image,
  Money price,
  int onHand,
  long productVersion,
  String taxClass,
  Long stockSeq) {
}
