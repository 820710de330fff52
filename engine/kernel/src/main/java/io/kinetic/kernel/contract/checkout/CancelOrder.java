package io.kinetic.kernel.contract.checkout;

import java.util.UUID;

/**
 * Staff cancel an order with nothing shipped: its stock is released, an unpaid payment is voided at
 * the provider, a captured one refunded in full. Reply {@link OrderDetail}. Fails
 * {@code ORDER_STATE_CONFLICT} (something was shipped, or it is cancelled or refunded already).
 */
public record CancelOrder(UUID orderId, String reason) {
}
