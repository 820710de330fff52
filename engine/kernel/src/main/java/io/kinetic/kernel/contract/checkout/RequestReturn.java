package io.kinetic.kernel.contract.checkout;

import java.util.List;
import java.util.UUID;

/**
 * The customer (or the holder of the order's link) asks to return delivered units, with a reason.
 * One request per {@code idempotencyKey}. Reply {@link OrderView}. Fails {@code ORDER_NOT_FOUND},
 * {@code ORDER_STATE_CONFLICT} (not delivered), {@code QUANTITY_EXCEEDS_REMAINING} (more than was
 * shipped and not already returned), {@code VALIDATION_FAILED}.
 */
public record RequestReturn(UUID orderId, OrderAccess access, List<LineQuantity> lines, String reason,
                            String idempotencyKey) {
}
