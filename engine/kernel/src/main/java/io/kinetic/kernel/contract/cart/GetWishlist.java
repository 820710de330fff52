package io.kinetic.kernel.contract.cart;

import java.util.UUID;

/** The customer's wishlist, newest first, with current prices in {@code currency} (null: default) and availability. */
public record GetWishlist(UUID customerId, String currency, String locale) {
}
