package io.kinetic.kernel.contract.cart;

import io.kinetic.kernel.outbox.DomainEvent;

/** Events the cart context publishes through its event log. */
public sealed interface CartEvent extends DomainEvent permits ReservedStockChanged, ReservedStockReset,
  ReservationExpired, CartsMerged, CartCreated {
}
