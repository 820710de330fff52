package io.kinetic.kernel.contract.log;

import io.kinetic.kernel.outbox.DomainEvent;
import io.kinetic.kernel.outbox.EventTypes;
import java.time.Instant;
import java.util.UUID;

/**
 * One entry of an event log: the event (as stored, {@code payload} in JSON) with its position, its
 * stable type name, its aggregate and version, when it entered the log, and who caused it.
 */
public record LoggedEvent(long position, UUID eventId, String type, String aggregateId, long version,
                          Instant loggedAt, String correlation, String actor, String payload) {

  /** The event as its record; IllegalArgumentException for a type this engine does not know. */
  public DomainEvent event() {
    return EventTypes.decode(eventId, type, payload);
  }
}
