package io.kinetic.kernel.contract.catalog;

import io.kinetic.kernel.outbox.EventName;
import java.time.Instant;
import java.util.UUID;

/** An attribute definition was created, replaced or deleted ({@code deleted}); {@code version} is the attribute's. */
@EventName("catalog.attribute-changed")
public record AttributeChanged(UUID eventId, Instant occurredAt, String code, boolean deleted, long version)
  implements CatalogEvent {

  @Override
  public UUID productId() {
    return null;
  }

  @Override
  public String aggregateId() {
    return "attribute:" + code;
  }
}
