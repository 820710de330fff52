package io.kinetic.kernel.contract.checkout;

import java.util.List;

/** Orders as {@link GetOrders} found them. */
public record OrderViews(List<OrderView> orders) {
}
