package io.kinetic.kernel.contract.cart;

import java.util.UUID;

/**
 * Adds the item to the customer's cart ({@code quantity} units, default 1, of the item's variant, or
 * of {@code variantId} for a product item; a product with a single variant needs none) and removes it
 * from the wishlist. Fails like {@link AddCartLine} and {@code WISHLIST_ITEM_NOT_FOUND}. Reply: the cart.
 */
public record MoveWishlistItemToCart(UUID customerId, UUID itemId, UUID variantId, Integer quantity, String locale) {
}
