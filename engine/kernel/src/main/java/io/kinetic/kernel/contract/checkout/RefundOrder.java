package io.kinetic.kernel.contract.checkout;

import java.util.List;
import java.util.UUID;

/**
 * Staff refund a paid order, through its payment provider: {@code amount} (minor units), or the
 * value of {@code lines} (their gross per unit), or, with {@code returnId}, the value of that
 * return's lines; exactly one of the three. Never more than is left of what was captured: refunds
 * in flight count. One refund per {@code idempotencyKey}. When everything is refunded the order is
 * {@code refunded} and its unshipped stock released. Reply {@link OrderDetail}. Fails
 * {@code ORDER_STATE_CONFLICT} (not paid), {@code REFUND_EXCEEDS_CAPTURED},
 * {@code QUANTITY_EXCEEDS_REMAINING}, {@code RETURN_NOT_FOUND}, {@code PAYMENT_PROVIDER_UNAVAILABLE}.
 */
public record RefundOrder(UUID orderId, Long amount, List<LineQuantity> lines, UUID returnId, String reason,
                          String idempotencyKey) {
}
