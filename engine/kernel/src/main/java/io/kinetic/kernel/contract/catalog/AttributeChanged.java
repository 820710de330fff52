package io.kinetic.kernel.contract.catalog;

import java.time.Instant;
import java.util.UUID;

/** An attribute definition was created, replaced or deleted ({@code deleted}). */
public record AttributeChanged(UUID eventId, Instant occurredAt, String code, boolean deleted) implements CatalogEvent {

  @Override
  public UUID productId() {
    return null;
  }
}
