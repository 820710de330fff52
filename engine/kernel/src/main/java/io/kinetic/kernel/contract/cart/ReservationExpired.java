package io.kinetic.kernel.contract.cart;

import io.kinetic.kernel.outbox.EventName;
import java.time.Instant;
import java.util.UUID;

/**
 * A cart's reservation of {@code quantity} units of a variant lapsed ({@code cart.reservationSeconds}
 * after the cart's last change): the units are free for others again.
 */
@EventName("cart.reservation-expired")
public record ReservationExpired(UUID eventId, Instant occurredAt, UUID cartId, UUID variantId, int quantity)
  implements CartEvent {

  @Override
  public String aggregateId() {
    return cartId.toString();
  }

  @Override
  public long version() {
    return 0;
  }
}
