package io.kinetic.checkout;

/**
 * What a provider reported about an intent, from a webhook event, the client's return or the
 * reconciliation: {@code kind} is {@code status} (the intent's status; {@code failure} set when
 * an attempt failed), {@code refund} ({@code refunded}: the total refunded so far) or
 * {@code dispute}. {@code eventId}: the provider's event id (or a name derived from the
 * observation itself), stored once. {@code observedAt}: when the provider saw it (ms; Stripe's
 * event {@code created}), so that an older status report arriving later changes nothing.
 */
record Observation(String provider, String eventId, String type, String intentId, String kind, String status,
                   long amount, long refunded, String failure, long observedAt) {

  static Observation status(String provider, String eventId, String type, Intent intent) {
    return new Observation(provider, eventId, type, intent.id(), "status", intent.status(), intent.amount(),
      intent.refunded(), intent.lastError(), System.currentTimeMillis());
  }

  /** Sources of observations made by asking the provider (not its own events). */
  static final java.util.Set<String> POLLED = java.util.Set.of("return", "reconcile", "expiry");

  /** Made by asking the provider (the shopper's return, the reconciliation), not one of the provider's events. */
  boolean polled() {
    return POLLED.contains(type);
  }

  /** An observation without an event id of the provider's: named by what it says, so the same news is stored once. */
  static Observation polled(String provider, String source, Intent intent) {
    String id = source + ":" + intent.id() + ":" + intent.status() + ":" + intent.refunded();
    return status(provider, id, source, intent);
  }
}
