package io.kinetic.kernel.contract.checkout;

import io.kinetic.kernel.outbox.EventName;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The returned goods arrived; {@code restocked}: their units went back on sale. */
@EventName("checkout.return-received")
public record ReturnReceived(UUID eventId, Instant occurredAt, UUID orderId, String number, UUID returnId,
                             List<ItemLine> lines, boolean restocked, long version)
  implements CheckoutEvent {
}
