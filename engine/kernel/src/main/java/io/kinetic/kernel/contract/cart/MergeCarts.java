package io.kinetic.kernel.contract.cart;

import java.util.UUID;

/**
 * Merges a guest cart into the customer's (on login): for the same variant the quantities add,
 * capped by stock and the per-line maximum; the guest cart is deleted, so its token stops working.
 * Fails {@code CART_NOT_FOUND} for an unknown guest token. Reply: {@link CartMerge}.
 */
public record MergeCarts(UUID customerId, String guestToken, String locale) {
}
