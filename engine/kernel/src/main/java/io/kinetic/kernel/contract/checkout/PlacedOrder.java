package io.kinetic.kernel.contract.checkout;

/**
 * The order a checkout placed, and {@code accessToken}: the signed token that shows this order to
 * whoever holds it (a guest's link to their order), never stored in clear.
 */
public record PlacedOrder(OrderView order, String accessToken) {
}
