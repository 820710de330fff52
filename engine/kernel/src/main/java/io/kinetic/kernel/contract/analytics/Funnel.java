package io.kinetic.kernel.contract.analytics;

/**
 * The conversion funnel of a range, in every currency: carts created, carts whose checkout started
 * (a first quote), orders placed, orders paid.
 */
public record Funnel(long cartsCreated, long checkoutsStarted, long ordersPlaced, long ordersPaid) {
}
