package io.kinetic.kernel.contract.cart;

import java.util.List;

/** The customer's wishlist, newest first. */
public record WishlistView(List<WishlistItemView> items) {
}
