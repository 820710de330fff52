package io.kinetic.kernel.contract.checkout;

import java.util.UUID;

/**
 * What the shopper chooses at checkout; everything about money is the server's. {@code email}:
 * required for a guest's order (a customer's defaults to their account's). {@code billingAddress}
 * null: same as shipping. {@code shippingMethodId} null in a quote: the cheapest method offered.
 * {@code expectedTotal} (optional, minor units): the total the shopper was shown; placing the order
 * fails {@code CART_CHANGED} when the server's total differs, so nobody pays a figure they never saw.
 */
public record CheckoutDetails(String email, OrderAddress shippingAddress, OrderAddress billingAddress,
                              UUID shippingMethodId, Long expectedTotal) {
}
