package io.kinetic.kernel.contract.checkout;

import java.util.UUID;

/** One order, if {@code access} may see it. Reply {@link OrderView}. Fails {@code ORDER_NOT_FOUND}. */
public record GetOrder(UUID orderId, OrderAccess access) {
}
