package io.kinetic.kernel.contract.catalog;

import io.kinetic.kernel.outbox.EventName;
import java.time.Instant;
import java.util.UUID;

@EventName("catalog.product-created")
public record ProductCreated(UUID eventId, Instant occurredAt, UUID productId, String slug, long version) implements CatalogEvent {
}
