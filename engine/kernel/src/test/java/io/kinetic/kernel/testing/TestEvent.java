package io.kinetic.kernel.testing;

import io.kinetic.kernel.outbox.DomainEvent;
import io.kinetic.kernel.outbox.EventName;
import java.time.Instant;
import java.util.UUID;

/** A domain event of the kernel tests' own: aggregate {@code thing}, its version after the change. */
@EventName("kerneltest.thing-changed")
public record TestEvent(UUID eventId, Instant occurredAt, UUID thing, long version, String note) implements DomainEvent {

  @Override
  public String aggregateId() {
    return thing.toString();
  }
}
