package io.kinetic.kernel.contract.checkout;

import java.util.List;
import java.util.UUID;

/**
 * Staff ship units of a paid order: {@code lines} (absent or empty: everything left to ship), with a
 * carrier, a tracking number and a tracking URL (each optional). One shipment per
 * {@code idempotencyKey}: a repeat answers the order as it is. Reply {@link OrderDetail}. Fails
 * {@code ORDER_NOT_FOUND}, {@code ORDER_STATE_CONFLICT} (not paid, cancelled, refunded, shipped),
 * {@code QUANTITY_EXCEEDS_REMAINING}, {@code VALIDATION_FAILED}.
 */
public record FulfilOrder(UUID orderId, List<LineQuantity> lines, String carrier, String trackingNumber,
                          String trackingUrl, String idempotencyKey) {
}
