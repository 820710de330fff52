package io.kinetic.kernel.contract.checkout;

import io.kinetic.kernel.outbox.EventName;
import java.time.Instant;
import java.util.UUID;

/** Staff marked a fulfilled order as delivered. */
@EventName("checkout.order-delivered")
public record OrderDelivered(UUID eventId, Instant occurredAt, UUID orderId, String number, long version)
  implements CheckoutEvent {
}
