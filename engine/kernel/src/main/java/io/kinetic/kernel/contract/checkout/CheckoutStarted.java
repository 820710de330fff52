package io.kinetic.kernel.contract.checkout;

import io.kinetic.kernel.outbox.EventName;
import java.time.Instant;
import java.util.UUID;

/**
 * A shopper started checking out a cart (its first quote): the funnel's step between a cart and
 * an order. Logged once per cart: its {@code eventId} is derived from the cart's id ({@link #idFor}).
 * {@code customerId} null: a guest. Not about an order yet: {@code orderId} is null and the
 * aggregate is the cart.
 */
@EventName("checkout.checkout-started")
public record CheckoutStarted(UUID eventId, Instant occurredAt, UUID cartId, UUID customerId, String currency, long version)
  implements CheckoutEvent {

  @Override
  public UUID orderId() {
    return null;
  }

  @Override
  public String aggregateId() {
    return "cart:" + cartId;
  }

  /** The one event id of a cart's checkout start, so that a repeated append is recognised by the log. */
  public static UUID idFor(UUID cartId) {
    return UUID.nameUUIDFromBytes(("checkout.checkout-started:" + cartId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
