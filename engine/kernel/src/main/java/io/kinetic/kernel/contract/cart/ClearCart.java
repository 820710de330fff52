package io.kinetic.kernel.contract.cart;

/** Removes every line and releases every reservation; the cart itself stays. */
public record ClearCart(CartRef ref, String locale) {
}
