package io.kinetic.kernel.contract.checkout;

import io.kinetic.kernel.outbox.EventName;
import java.time.Instant;
import java.util.UUID;

/** An attempt to pay the order failed (declined, error); the order still awaits payment. */
@EventName("checkout.payment-failed")
public record PaymentFailed(UUID eventId, Instant occurredAt, UUID orderId, String number, String provider,
                            String reason, long version)
  implements CheckoutEvent {
}
