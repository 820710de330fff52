package io.kinetic.kernel.contract.checkout;

import java.util.List;

/** Staff's view of an order: the order and its timeline, oldest first. */
public record OrderDetail(OrderView order, List<OrderEventView> timeline) {
}
