package io.kinetic.checkout;

import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order state machine, as data: each state and the states it may move to. Every change of an
 * order's state is checked here; anything else is a bug or a stale request, refused with
 * {@code PAYMENT_NOT_ALLOWED}. A cancelled order may still become paid (or refunded): its payment
 * arrived after the order's stock was released (see {@code PaymentLedger}).
 */
final class OrderStates {

  static final String PLACED = "placed";
  static final String PAID = "paid";
  static final String PARTIALLY_FULFILLED = "partially_fulfilled";
  static final String FULFILLED = "fulfilled";
  static final String DELIVERED = "delivered";
  static final String CANCELLED = "cancelled";
  static final String PARTIALLY_REFUNDED = "partially_refunded";
  static final String REFUNDED = "refunded";

  static final List<String> ALL = List.of(PLACED, PAID, PARTIALLY_FULFILLED, FULFILLED, DELIVERED, CANCELLED,
    PARTIALLY_REFUNDED, REFUNDED);

  static final Map<String, Set<String>> TRANSITIONS = Map.of(
    PLACED, Set.of(PAID, CANCELLED),
    PAID, Set.of(PARTIALLY_FULFILLED, FULFILLED, CANCELLED, PARTIALLY_REFUNDED, REFUNDED),
    PARTIALLY_FULFILLED, Set.of(FULFILLED, PARTIALLY_REFUNDED, REFUNDED),
    FULFILLED, Set.of(DELIVERED, PARTIALLY_REFUNDED, REFUNDED),
    DELIVERED, Set.of(PARTIALLY_REFUNDED, REFUNDED),
    PARTIALLY_REFUNDED, Set.of(PARTIALLY_REFUNDED, REFUNDED, PARTIALLY_FULFILLED, FULFILLED, DELIVERED),
    CANCELLED, Set.of(PAID, REFUNDED),
    REFUNDED, Set.of());

  private OrderStates() {
  }

  static boolean allowed(String from, String to) {
    return TRANSITIONS.getOrDefault(from, Set.of()).contains(to);
  }

  static void check(String from, String to) {
    if (!allowed(from, to)) {
      throw Failure.of(ErrorCode.PAYMENT_NOT_ALLOWED, "an order cannot go from " + from + " to " + to);
    }
  }
}
