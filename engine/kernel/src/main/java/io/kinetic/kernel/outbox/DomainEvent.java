package io.kinetic.kernel.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * A fact that happened, named in the past tense. {@code eventId} is unique per event and is what
 * consumers deduplicate on: the outbox delivers at least once.
 */
public interface DomainEvent {

  UUID eventId();

  Instant occurredAt();
}
