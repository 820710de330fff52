package io.kinetic.kernel.contract.catalog;

import java.time.Instant;
import java.util.UUID;

public record StockChanged(UUID eventId, Instant occurredAt, UUID productId, UUID variantId, String sku, int onHand)
  implements CatalogEvent {
}
