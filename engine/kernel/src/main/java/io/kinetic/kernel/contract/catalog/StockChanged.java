package io.kinetic.kernel.contract.catalog;

import io.kinetic.kernel.outbox.EventName;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code version} is the product's version after the change. {@code stockSeq} orders the stock
 * figures of one variant (a higher one is newer; taken under the variant's row lock, so in commit
 * order); null when the change did not say it (then a cached copy of the product is dropped, not
 * updated).
 */
@EventName("catalog.stock-changed")
public record StockChanged(UUID eventId, Instant occurredAt, UUID productId, UUID variantId, String sku, int onHand,
                           long version, Long stockSeq)
  implements CatalogEvent {
}
