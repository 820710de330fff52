package io.kinetic.kernel.contract.catalog;

import io.kinetic.kernel.outbox.EventName;
import java.time.Instant;
import java.util.UUID;

/** {@code previousSlug} differs from {@code slug} when the slug changed, so caches drop both. */
@EventName("catalog.product-updated")
public record ProductUpdated(UUID eventId, Instant occurredAt, UUID productId, String slug, String previousSlug, long version)
  implements CatalogEvent {
}
