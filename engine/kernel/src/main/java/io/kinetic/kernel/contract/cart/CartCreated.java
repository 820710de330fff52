package io.kinetic.kernel.contract.cart;

import io.kinetic.kernel.outbox.EventName;
import java.time.Instant;
import java.util.UUID;

/**
 * A cart came into being (a guest's, or a customer's first): the top of the shop's conversion
 * funnel. Logged once per cart: its {@code eventId} is derived from the cart's id ({@link #idFor}).
 * {@code customerId} null: a guest cart.
 */
@EventName("cart.cart-created")
public record CartCreated(UUID eventId, Instant occurredAt, UUID cartId, UUID customerId, String currency, long version)
  implements CartEvent {

  @Override
  public String aggregateId() {
    return cartId.toString();
  }

  /** The one event id of a cart's creation, so that a repeated append is recognised by the log. */
  public static UUID idFor(UUID cartId) {
    return UUID.nameUUIDFromBytes(("cart.cart-created:" + cartId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
