package io.kinetic.kernel.contract.checkout;

import io.kinetic.kernel.money.Money;
import io.kinetic.kernel.outbox.EventName;
import java.time.Instant;
import java.util.UUID;

/**
 * Money went back to the customer: {@code amount} now, {@code refundedTotal} in all.
 * {@code reason} {@code NO_STOCK}: the payment arrived after the order's stock was released and
 * the stock was gone, so it was refunded automatically (the customer is to be told).
 * {@code refundId}: the provider's refund, when known (one event per refund, however often the
 * provider reports it); {@code returnId}: the return it pays back, if any.
 */
@EventName("checkout.payment-refunded")
public record PaymentRefunded(UUID eventId, Instant occurredAt, UUID orderId, String number, Money amount,
                              Money refundedTotal, String reason, String refundId,
                              UUID returnId, long version)
  implements CheckoutEvent {
}
