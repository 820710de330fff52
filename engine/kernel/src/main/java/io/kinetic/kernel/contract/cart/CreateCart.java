package io.kinetic.kernel.contract.cart;

/**
 * A new guest cart (its token is in the reply, and only there), or the customer's cart (created when
 * they have none). {@code currency} null: the catalogue's default. Fails {@code CURRENCY_NOT_SUPPORTED}.
 */
public record CreateCart(CartRef ref, String currency, String locale) {
}
