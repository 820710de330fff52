package io.kinetic.kernel.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * A fact that happened, named in the past tense, stored in its context's event log under the
 * stable name of its {@link EventName}. {@code eventId} is unique per event. {@code aggregateId}
 * and {@code version} name the aggregate the event is about and its version after the change:
 * versions of one aggregate grow with each change, so a consumer applies them in order and
 * ignores a stale one (see {@link AggregateVersions}).
 */
public interface DomainEvent {

  UUID eventId();

  Instant occurredAt();

  /** The aggregate the event is about (a product id, a category id, an attribute code). */
  String aggregateId();

  /** The aggregate's version after the change; 0 for events logged before versions existed. */
  long version();
}
