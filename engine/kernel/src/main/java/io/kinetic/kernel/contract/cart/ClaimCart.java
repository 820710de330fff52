package io.kinetic.kernel.contract.cart;

import java.util.UUID;

/**
 * The cart read for an order being placed from it, claimed for that order: while the placement
 * runs, another order's placement from the same cart is refused ({@code CHECKOUT_IN_PROGRESS}), so
 * concurrent requests with different idempotency keys cannot make several orders of one cart. The
 * claim ends when the cart is emptied (the order was made), when the placement gives it back
 * ({@link ReleaseCartClaim}: it failed for sure), or after a while (the placing node died, or its
 * outcome was uncertain). The same order (a request repeated with its key) may claim again: the
 * claim is then its latest attempt's, and only that attempt can give it back.
 */
public record ClaimCart(CartRef ref, UUID orderId, UUID attempt, String locale) {
}
