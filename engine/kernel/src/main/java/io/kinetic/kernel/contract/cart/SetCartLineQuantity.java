package io.kinetic.kernel.contract.cart;

import java.util.UUID;

/**
 * Sets a line's quantity (1 or more; removing is {@link RemoveCartLine}). A decrease always
 * succeeds and releases stock; an increase reserves the difference or fails {@code OUT_OF_STOCK}.
 * Fails {@code CART_LINE_NOT_FOUND} too.
 */
public record SetCartLineQuantity(CartRef ref, UUID variantId, int quantity, String locale) {
}
