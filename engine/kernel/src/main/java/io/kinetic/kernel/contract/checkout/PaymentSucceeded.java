package io.kinetic.kernel.contract.checkout;

import io.kinetic.kernel.money.Money;
import io.kinetic.kernel.outbox.EventName;
import java.time.Instant;
import java.util.UUID;

/** The order's payment succeeded: the order is paid. */
@EventName("checkout.payment-succeeded")
public record PaymentSucceeded(UUID eventId, Instant occurredAt, UUID orderId, String number, String provider,
                               String intentId, Money amount, long version)
  implements CheckoutEvent {
}
