package io.kinetic.kernel.contract.checkout;

import io.kinetic.kernel.contract.cart.CartRef;

/**
 * Prices the caller's cart for checkout: lines with net, tax and gross, the shipping methods offered
 * for the address's country and the totals. Nothing is stored. {@code details} may be partial (no
 * address yet: the shop's default country is assumed). Reply {@link CheckoutQuote}. Fails
 * {@code CART_NOT_FOUND}, {@code VALIDATION_FAILED}, {@code SHIPPING_METHOD_UNAVAILABLE}.
 */
public record QuoteCheckout(CartRef ref, CheckoutDetails details, String locale) {
}
