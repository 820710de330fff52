package io.kinetic.kernel.contract.checkout;

import java.util.UUID;

/**
 * Staff mark an approved return's goods received; {@code restock}: their units go back on sale.
 * Reply {@link OrderDetail}. Refund it next with {@link RefundOrder} and its {@code returnId}.
 */
public record ReceiveReturn(UUID orderId, UUID returnId, boolean restock) {
}
