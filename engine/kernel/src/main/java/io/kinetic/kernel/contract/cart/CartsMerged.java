package io.kinetic.kernel.contract.cart;

import io.kinetic.kernel.outbox.EventName;
import java.time.Instant;
import java.util.UUID;

/** A guest cart was merged into a customer's cart on login. */
@EventName("cart.carts-merged")
public record CartsMerged(UUID eventId, Instant occurredAt, UUID cartId, UUID guestCartId, UUID customerId, long version)
  implements CartEvent {

  @Override
  public String aggregateId() {
    return cartId.toString();
  }
}
