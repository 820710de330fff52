package io.kinetic.kernel.contract.cart;

import java.util.UUID;

/** Removes an item. Fails {@code WISHLIST_ITEM_NOT_FOUND} (also for another customer's item). Reply: the {@link WishlistView}. */
public record RemoveWishlistItem(UUID customerId, UUID itemId, String currency, String locale) {
}
