package io.kinetic.kernel.contract.checkout;

import io.kinetic.kernel.outbox.EventName;
import java.time.Instant;
import java.util.UUID;

/** Staff approved ({@code approved} true) or rejected a return, with an optional note to the customer. */
@EventName("checkout.return-decided")
public record ReturnDecided(UUID eventId, Instant occurredAt, UUID orderId, String number, UUID returnId,
                            boolean approved, String note, long version)
  implements CheckoutEvent {
}
