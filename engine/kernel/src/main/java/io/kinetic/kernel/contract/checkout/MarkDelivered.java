package io.kinetic.kernel.contract.checkout;

import java.util.UUID;

/** Staff mark a fulfilled order delivered. Reply {@link OrderDetail}. Fails {@code ORDER_STATE_CONFLICT}. */
public record MarkDelivered(UUID orderId) {
}
