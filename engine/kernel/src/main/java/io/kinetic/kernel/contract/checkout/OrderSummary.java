package io.kinetic.kernel.contract.checkout;

import io.kinetic.kernel.money.Money;
import java.time.Instant;
import java.util.UUID;

/** An order in a list. */
public record OrderSummary(UUID id, String number, String state, String paymentStatus, UUID customerId, String email,
                           Money total, int itemCount, String shipToName, String shipToCountry, Instant placedAt,
                           Instant updatedAt) {
}
