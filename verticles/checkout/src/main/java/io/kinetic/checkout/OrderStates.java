package io.kinetic.checkout;

import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order state machine, as data: each state and the states it may move to. Every change of an
 * order's state is checked here; anything else is a bug or a stale request, refused with
 * {@code ORDER_STATE_CONFLICT}. A cancelled order may still become paid (or refunded): its payment
 * arrived after the order's stock was released (see {@code PaymentLedger}).
 */
final class OrderStates {

  static final String PLACED = "placed";
  static final String PAID = "paid";
  static final String PARTIALLY_FULFILLED = "partially_fulfilled";
  static final String FULFILLED = "fulfilled";
  static final String DELIVERED = "delivered";
  static final String CANCELLED = "cancelled";
  static final String REFUNDED = "refunded";

  static final List<String> ALL = List.of(PLACED, PAID, PARTIALLY_FULFILLED, FULFILLED, DELIVERED, CANCELLED, REFUNDED);

  static final Map<String, Set<String>> TRANSITIONS = Map.of(
    PLACED, Set.of(PAID, CANCELLED),
    PAID, Set.of(PARTIALLY_FULFILLED, FULFILLED, CANCELLED, REFUNDED),
    PARTIALLY_FULFILLED, Set.of(FULFILLED, REFUNDED),
    FULFILLED, Set.of(DELIVERED, REFUNDED),
    DELIVERED, Set.of(REFUNDED),
    CANCELLED, Set.of(PAID, REFUNDED),
    REFUNDED, Set.of());

  private OrderStates() {
  }

  static boolean allowed(String from, String to) {
    return TRANSITIONS.getOrDefault(from, Set.of()).contains(to);
  }

  static void check(String from, String to) {
    if (!allowed(from, to)) {
      throw Failure.of(ErrorCode.ORDER_STATE_CONFLICT, "an order cannot go from " + from + " to " + to);
    }
  }

  /** Fails ORDER_STATE_CONFLICT unless the order is in one of {@code states}, naming what it is. */
  static Failure unless(String state, String action, String... states) {
    for (String s : states) {
      if (s.equals(state)) {
        return null;
      }
    }
    return Failure.of(ErrorCode.ORDER_STATE_CONFLICT, "an order that is " + state + " cannot be " + action);
  }
}
