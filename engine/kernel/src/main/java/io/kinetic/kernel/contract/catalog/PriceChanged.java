package io.kinetic.kernel.contract.catalog;

import io.kinetic.kernel.money.Money;
import io.kinetic.kernel.outbox.EventName;
import java.time.Instant;
import java.util.UUID;

/** {@code version} is the product's version after the change. */
@EventName("catalog.price-changed")
public record PriceChanged(UUID eventId, Instant occurredAt, UUID productId, UUID variantId, String sku, Money price,
                           long version)
  implements CatalogEvent {
}
