package io.kinetic.kernel.contract.catalog;

import io.kinetic.kernel.outbox.EventName;
import java.time.Instant;
import java.util.UUID;

/** {@code version} is the deleted product's last version plus one. */
@EventName("catalog.product-deleted")
public record ProductDeleted(UUID eventId, Instant occurredAt, UUID productId, String slug, long version) implements CatalogEvent {
}
