package io.kinetic.kernel.contract.catalog;

import io.kinetic.kernel.outbox.EventName;
import java.time.Instant;
import java.util.UUID;

/** A category was created, changed or deleted ({@code deleted}); {@code version} is the category's. */
@EventName("catalog.category-changed")
public record CategoryChanged(UUID eventId, Instant occurredAt, UUID categoryId, boolean deleted, long version)
  implements CatalogEvent {

  @Override
  public UUID productId() {
    return null;
  }

  @Override
  public String aggregateId() {
    return categoryId.toString();
  }
}
