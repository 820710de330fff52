package io.kinetic.kernel.contract.catalog;

import io.kinetic.kernel.outbox.EventName;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What shoppers can still buy changed for several products at once, because carts reserved or
 * released stock: one event for every product whose figures one batch of the cart's reserved
 * totals moved (under cart load hundreds a second), where {@link AvailabilityChanged} (still read,
 * no longer written) took one event, one log row and one bus message per product. Not a change
 * of any product: each entry carries its product's version, unchanged; the event's own
 * {@code version} is 0 and its aggregate the catalog's availability as a whole.
 */
@EventName("catalog.availabilities-changed")
public record AvailabilitiesChanged(UUID eventId, Instant occurredAt, List<ProductAvailability> products)
  implements CatalogEvent {

  public static final String AGGREGATE = "availability";

  /** About many products: none of its own. */
  @Override
  public UUID productId() {
    return null;
  }

  @Override
  public String aggregateId() {
    return AGGREGATE;
  }

  @Override
  public long version() {
    return 0;
  }

  /** The entry of {@code productId}, or null when this event does not name it. */
  public ProductAvailability of(UUID productId) {
    for (ProductAvailability p : products) {
      if (p.productId().equals(productId)) {
        return p;
      }
    }
    return null;
  }
}
