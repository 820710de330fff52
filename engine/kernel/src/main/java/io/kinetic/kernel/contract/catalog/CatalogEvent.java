package io.kinetic.kernel.contract.catalog;

import io.kinetic.kernel.outbox.DomainEvent;
import java.util.UUID;

/**
 * Events the catalog publishes through its event log. Product events are about the product
 * aggregate (variants, prices and stock included) and carry its version after the change;
 * category and attribute events carry the category's or attribute's own version.
 */
public sealed interface CatalogEvent extends DomainEvent
  permits ProductCreated, ProductUpdated, ProductDeleted, StockChanged, PriceChanged, CategoryChanged, AttributeChanged,
  AvailabilityChanged, AvailabilitiesChanged {

  /** The product the event is about, null for category and attribute events and for {@link AvailabilitiesChanged} (many products). */
  UUID productId();

  @Override
  default String aggregateId() {
    return productId().toString();
  }
}
