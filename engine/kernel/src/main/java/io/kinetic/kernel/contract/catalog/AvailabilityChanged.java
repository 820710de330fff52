package io.kinetic.kernel.contract.catalog;

import io.kinetic.kernel.outbox.EventName;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What shoppers can still buy of a product's variants changed because carts reserved or released
 * stock (the cart's reserved totals reached the catalog). Not a change of the product itself:
 * {@code version} is the product's version, unchanged. No longer written (the catalog writes
 * {@link AvailabilitiesChanged}, one for many products); still read, for logs written before.
 */
@EventName("catalog.availability-changed")
public record AvailabilityChanged(UUID eventId, Instant occurredAt, UUID productId, List<VariantAvailability> variants,
                                  long version)
  implements CatalogEvent {
}
