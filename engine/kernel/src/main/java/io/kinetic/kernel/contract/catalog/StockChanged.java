package io.kinetic.kernel.contract.catalog;

import io.kinetic.kernel.outbox.EventName;
import java.time.Instant;
import java.util.UUID;

/** {@code version} is the product's version after the change. */
@EventName("catalog.stock-changed")
public record StockChanged(UUID eventId, Instant occurredAt, UUID productId, UUID variantId, String sku, int onHand,
                           long version)
  implements CatalogEvent {
}
