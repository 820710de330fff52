package io.kinetic.kernel.contract.checkout;

import java.util.UUID;

/** A customer's own orders, newest first. {@code limit} 1–100. Reply {@link OrderPage}. Fails {@code INVALID_CURSOR}. */
public record ListMyOrders(UUID customerId, int limit, String cursor) {
}
