package io.kinetic.kernel.contract.cart;

import io.kinetic.kernel.contract.catalog.Media;
import io.kinetic.kernel.money.Money;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A wishlist item with the product as it is now: {@code variantId} null for a whole product;
 * {@code price} the variant's, or the lowest of the product's variants ({@code priceFrom}), null
 * without one in the currency; {@code available} units (on hand minus reservations; summed over the
 * variants for a product); {@code purchasable} false when unpublished or deleted.
 */
public record WishlistItemView(
  UUID id,
  UUID productId,
  UUID variantId,
  String sku,
  String productSlug,
  String productName,
  Map<String, String> options,
  Media image,
  Money price,
  boolean priceFrom,
  int available,
  boolean purchasable,
  Instant addedAt) {
}
