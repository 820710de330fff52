package io.kinetic.kernel.contract.catalog;

import java.time.Instant;
import java.util.UUID;

public record ProductCreated(UUID eventId, Instant occurredAt, UUID productId, String slug, long version) implements CatalogEvent {
}
