package io.kinetic.checkout;

import java.util.Map;

/**
 * A payment's statuses (Stripe's PaymentIntent statuses, and refunds) ranked so that a payment
 * never moves backwards: an observation (a webhook, the client's return, the reconciliation) of a
 * lower rank than the payment's is ignored, whatever order they arrive in. {@code canceled} is final
 * before success; refunds only follow success.
 */
final class PaymentStatus {

  static final String CREATING = "creating";
  static final String REQUIRES_PAYMENT_METHOD = "requires_payment_method";
  static final String PROCESSING = "processing";
  static final String SUCCEEDED = "succeeded";
  static final String PARTIALLY_REFUNDED = "partially_refunded";
  static final String REFUNDED = "refunded";
  static final String CANCELED = "canceled";

  private static final Map<String, Integer> RANK = Map.of(CREATING, 0, REQUIRES_PAYMENT_METHOD, 1, PROCESSING, 2,
    SUCCEEDED, 3, PARTIALLY_REFUNDED, 4, REFUNDED, 5, CANCELED, 3);

  private PaymentStatus() {
  }

  static int rank(String status) {
    return RANK.getOrDefault(status, 0);
  }

  static boolean pending(String status) {
    return rank(status) < 3;
  }

  /** True when a payment in {@code current} may take {@code next}. */
  static boolean advances(String current, String next) {
    if (CANCELED.equals(current)) {
      return false;
    }
    if (CANCELED.equals(next)) {
      return pending(current);
    }
    if (REQUIRES_PAYMENT_METHOD.equals(next) && PROCESSING.equals(current)) {
      return true; // a failed attempt after processing: the shopper may try again
    }
    return rank(next) > rank(current) || (PARTIALLY_REFUNDED.equals(next) && PARTIALLY_REFUNDED.equals(current));
  }
}
