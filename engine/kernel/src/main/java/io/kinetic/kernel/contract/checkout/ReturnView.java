package io.kinetic.kernel.contract.checkout;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A return: {@code status} {@code requested}, {@code approved}, {@code rejected}, {@code received}
 * or {@code refunded}; the customer's reason, staff's note, whether the units were restocked, and when its goods arrived ({@code receivedAt}; also for a
 * return refunded before, which stays {@code refunded}).
 */
public record ReturnView(UUID id, List<ItemLine> lines, String reason, String status, String note, boolean restocked,
                         Instant requestedAt, Instant updatedAt, Instant receivedAt) {
}
