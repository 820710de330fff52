package io.kinetic.kernel.contract.cart;

import java.util.UUID;

/**
 * Gives back the cart an order's placement attempt claimed ({@link ClaimCart}) when it failed for
 * sure (nothing of the order is left to settle); another order's claim, or a later attempt's, stays.
 */
public record ReleaseCartClaim(CartRef ref, UUID orderId, UUID attempt) {
}
