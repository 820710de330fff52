package io.kinetic.kernel.contract.checkout;

import java.util.UUID;

/** Staff: an order with its timeline. Reply {@link OrderDetail}. Fails {@code ORDER_NOT_FOUND}. */
public record GetOrderDetail(UUID orderId) {
}
