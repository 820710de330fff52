package io.kinetic.kernel.contract.catalog;

import java.time.Instant;
import java.util.UUID;

public record ProductDeleted(UUID eventId, Instant occurredAt, UUID productId, String slug) implements CatalogEvent {
}
