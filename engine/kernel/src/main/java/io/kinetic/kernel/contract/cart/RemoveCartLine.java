package io.kinetic.kernel.contract.cart;

import java.util.UUID;

/** Removes a line and releases its reservation. Fails {@code CART_LINE_NOT_FOUND}, {@code CART_NOT_FOUND}. */
public record RemoveCartLine(CartRef ref, UUID variantId, String locale) {
}
