package io.kinetic.kernel.contract.cart;

import io.kinetic.kernel.outbox.EventName;
import java.time.Instant;
import java.util.UUID;

/**
 * Redis no longer holds the reservations behind the reserved totals published so far (it restarted
 * empty or was flushed, or it is new to this engine): every total published with a sequence below
 * {@code sequence} no longer holds, and a variant's reserved total is 0 unless a
 * {@link ReservedLevel} with a higher sequence says otherwise. The cart gives every total it still
 * holds a sequence above this one and publishes it again ({@link ReservedStockChanged}), before
 * this event as far as it can; every later total's sequence is higher too. Applying it twice, or
 * late, changes nothing more.
 */
@EventName("cart.reserved-stock-reset")
public record ReservedStockReset(UUID eventId, Instant occurredAt, long sequence) implements CartEvent {

  @Override
  public String aggregateId() {
    return "reservations";
  }

  @Override
  public long version() {
    return 0;
  }
}
