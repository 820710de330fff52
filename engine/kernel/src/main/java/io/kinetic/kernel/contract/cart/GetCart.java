package io.kinetic.kernel.contract.cart;

/** The cart as it is now, priced from the catalog. Fails {@code CART_NOT_FOUND}. Reply: {@link CartView}. */
public record GetCart(CartRef ref, String locale) {
}
