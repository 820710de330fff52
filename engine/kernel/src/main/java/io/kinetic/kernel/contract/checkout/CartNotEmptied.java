package io.kinetic.kernel.contract.checkout;

import io.kinetic.kernel.outbox.EventName;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * A customer's order was placed, but the placement could not empty the cart it was placed from
 * (Redis unreachable at that moment): the cart context takes the lines the order took out of the
 * customer's cart ({@code cart}). Logged once per order: its {@code eventId} is derived from the
 * order's id ({@link #idFor}). The aggregate is the cart.
 */
@EventName("checkout.cart-not-emptied")
public record CartNotEmptied(UUID eventId, Instant occurredAt, UUID orderId, UUID customerId, OrderedCart cart, long version)
  implements CheckoutEvent {

  @Override
  public String aggregateId() {
    return "cart:" + cart.cartId();
  }

  /** The one event id of an order's cart left as it was, so that a repeated append is recognised by the log. */
  public static UUID idFor(UUID orderId) {
    return UUID.nameUUIDFromBytes(("checkout.cart-not-emptied:" + orderId).getBytes(StandardCharsets.UTF_8));
  }
}
