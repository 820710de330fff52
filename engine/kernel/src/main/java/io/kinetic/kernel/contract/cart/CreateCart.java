package io.kinetic.kernel.contract.cart;

/**
 * The caller's cart: the customer's (created when they have none), the live guest cart {@code ref}'s
 * token names (answered with that token), else a new guest cart (its new token is in the reply, and
 * only there). {@code currency}: a new cart's (null: the catalogue's default). Fails
 * {@code CURRENCY_NOT_SUPPORTED}.
 */
public record CreateCart(CartRef ref, String currency, String locale) {
}
