package io.kinetic.kernel.contract.cart;

import java.util.UUID;

/**
 * Adds a product, or one variant of it, to the customer's wishlist (adding it again changes nothing).
 * Fails {@code PRODUCT_NOT_FOUND}, {@code VARIANT_NOT_FOUND} (not a variant of that product),
 * {@code WISHLIST_FULL}. Reply: the {@link WishlistView}.
 */
public record AddWishlistItem(UUID customerId, UUID productId, UUID variantId, String currency, String locale) {
}
