package io.kinetic.kernel.contract.cart;

import io.kinetic.kernel.outbox.EventName;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The reserved levels of variants changed (published in batches, at most every
 * {@code cart.publishMillis}): the catalog subtracts them from on hand to show what is available.
 */
@EventName("cart.reserved-stock-changed")
public record ReservedStockChanged(UUID eventId, Instant occurredAt, List<ReservedLevel> levels) implements CartEvent {

  @Override
  public String aggregateId() {
    return "reservations";
  }

  @Override
  public long version() {
    return 0;
  }
}
