package io.kinetic.kernel.contract.checkout;

import java.time.Instant;
import java.util.UUID;

/**
 * Staff's order list, newest first, each filter optional: {@code state}, placed in
 * [{@code from}, {@code to}), {@code customerId}, {@code email} (exact, case-insensitive),
 * {@code number} (exact). {@code limit} 1–100. Reply {@link OrderPage}. Fails
 * {@code VALIDATION_FAILED}, {@code INVALID_CURSOR}.
 */
public record ListOrders(String state, Instant from, Instant to, UUID customerId, String email, String number,
                         int limit, String cursor) {
}
