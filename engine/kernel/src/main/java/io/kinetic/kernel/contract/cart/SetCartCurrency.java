package io.kinetic.kernel.contract.cart;

/** Switches the cart's currency (prices are re-read; no line is flagged as changed by it). Fails {@code CURRENCY_NOT_SUPPORTED}. */
public record SetCartCurrency(CartRef ref, String currency, String locale) {
}
