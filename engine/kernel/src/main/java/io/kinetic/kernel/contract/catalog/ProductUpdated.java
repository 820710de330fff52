package io.kinetic.kernel.contract.catalog;

import java.time.Instant;
import java.util.UUID;

/** {@code previousSlug} differs from {@code slug} when the slug changed, so caches drop both. */
public record ProductUpdated(UUID eventId, Instant occurredAt, UUID productId, String slug, String previousSlug, long version)
  implements CatalogEvent {
}
