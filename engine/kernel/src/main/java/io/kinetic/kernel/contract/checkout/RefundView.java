package io.kinetic.kernel.contract.checkout;

import io.kinetic.kernel.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A refund staff made: {@code status} {@code pending} (sent to the provider), {@code succeeded} or
 * {@code failed} ({@code error}: why). {@code returnId}: the return it pays back, if any; {@code lines}:
 * the units it pays back (by lines or by return; empty for an amount alone).
 */
public record RefundView(UUID id, Money amount, String reason, UUID returnId, String status, String error,
                         Instant at, List<LineQuantity> lines) {
}
