package io.kinetic.kernel.contract.catalog;

import java.time.Instant;
import java.util.UUID;

/** A category was created, changed or deleted ({@code deleted}). */
public record CategoryChanged(UUID eventId, Instant occurredAt, UUID categoryId, boolean deleted) implements CatalogEvent {

  @Override
  public UUID productId() {
    return null;
  }
}
