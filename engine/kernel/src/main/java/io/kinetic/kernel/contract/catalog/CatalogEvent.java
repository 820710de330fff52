package io.kinetic.kernel.contract.catalog;

import io.kinetic.kernel.outbox.DomainEvent;
import java.util.UUID;

/** Events the catalog publishes through its outbox. */
public sealed interface CatalogEvent extends DomainEvent
  permits ProductCreated, ProductUpdated, ProductDeleted, StockChanged, PriceChanged, CategoryChanged, AttributeChanged {

  /** The product the event is about, null for category and attribute events. */
  UUID productId();
}
