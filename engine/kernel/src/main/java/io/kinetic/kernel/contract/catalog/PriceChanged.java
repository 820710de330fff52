package io.kinetic.kernel.contract.catalog;

import io.kinetic.kernel.money.Money;
import java.time.Instant;
import java.util.UUID;

public record PriceChanged(UUID eventId, Instant occurredAt, UUID productId, UUID variantId, String sku, Money price)
  implements CatalogEvent {
}
