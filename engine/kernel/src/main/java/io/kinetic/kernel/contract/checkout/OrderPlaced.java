package io.kinetic.kernel.contract.checkout;

import io.kinetic.kernel.money.Money;
import io.kinetic.kernel.outbox.EventName;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order was placed (its stock allocated, its payment created), awaiting payment. */
@EventName("checkout.order-placed")
public record OrderPlaced(UUID eventId, Instant occurredAt, UUID orderId, String number, UUID customerId, String email,
                          String locale, Money total, List<OrderedItem> items, long version)
  implements CheckoutEvent {
}
