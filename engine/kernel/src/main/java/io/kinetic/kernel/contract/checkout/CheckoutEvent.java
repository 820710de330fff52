package io.kinetic.kernel.contract.checkout;

import io.kinetic.kernel.outbox.DomainEvent;

/**
 * Events the checkout context publishes through its event log, one per change of an order (its
 * aggregate id is the order's id, its version the order's version after the change), and
 * {@link CheckoutStarted}, about a cart before it becomes an order (its {@code orderId} is null, its
 * aggregate the cart), and {@link CartNotEmptied}, about the cart an order was placed from (its
 * aggregate the cart).
 */
public sealed interface CheckoutEvent extends DomainEvent
  permits OrderPlaced, PaymentSucceeded, PaymentFailed, OrderCancelled, PaymentRefunded, PaymentDisputed,
  OrderFulfilled, OrderDelivered, ReturnRequested, ReturnDecided, ReturnReceived, CheckoutStarted, CartNotEmptied {

  java.util.UUID orderId();

  @Override
  default String aggregateId() {
    return orderId().toString();
  }
}
