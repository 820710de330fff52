package io.kinetic.kernel.contract.cart;

import java.util.UUID;

/**
 * Adds {@code quantity} units of a variant (to its line, or as a new line) and reserves them.
 * Fails {@code VALIDATION_FAILED} (quantity &lt; 1 or above the maximum), {@code VARIANT_NOT_FOUND},
 * {@code PRODUCT_NOT_AVAILABLE}, {@code LINE_LIMIT_EXCEEDED}, {@code CART_FULL}, {@code OUT_OF_STOCK}
 * (with the units available), {@code CART_NOT_FOUND}.
 */
public record AddCartLine(CartRef ref, UUID variantId, int quantity, String locale) {
}
