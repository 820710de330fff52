package io.kinetic.kernel.contract.cart;

import java.util.UUID;

/** Gives back the cart an order's placement claimed ({@link ClaimCart}) when the placement failed; another order's claim stays. */
public record ReleaseCartClaim(CartRef ref, UUID orderId) {
}
