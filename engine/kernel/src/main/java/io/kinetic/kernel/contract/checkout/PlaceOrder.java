package io.kinetic.kernel.contract.checkout;

import io.kinetic.kernel.contract.cart.CartRef;

/**
 * Turns the caller's cart into an order: validate the cart, allocate its stock, create the order,
 * create the payment (each undone in reverse when a later one fails), then empty the cart.
 * {@code requestKey}: the caller's idempotency key (with the caller, it names the order: the same
 * key places one order, however often it is sent); null for a new one. {@code provider}: null for
 * the shop's. Reply {@link PlacedOrder}. Fails {@code CART_NOT_FOUND}, {@code CART_EMPTY},
 * {@code CART_CHANGED}, {@code OUT_OF_STOCK}, {@code PRODUCT_NOT_AVAILABLE}, {@code VALIDATION_FAILED},
 * {@code SHIPPING_METHOD_UNAVAILABLE}, {@code PAYMENT_PROVIDER_UNAVAILABLE}.
 */
public record PlaceOrder(CartRef ref, CheckoutDetails details, String requestKey, String locale) {
}
