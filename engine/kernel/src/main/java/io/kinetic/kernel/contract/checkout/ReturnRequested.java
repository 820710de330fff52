package io.kinetic.kernel.contract.checkout;

import io.kinetic.kernel.outbox.EventName;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The customer asked to return delivered lines of an order, with a reason. */
@EventName("checkout.return-requested")
public record ReturnRequested(UUID eventId, Instant occurredAt, UUID orderId, String number, UUID returnId,
                              List<ItemLine> lines, String reason, long version)
  implements CheckoutEvent {
}
