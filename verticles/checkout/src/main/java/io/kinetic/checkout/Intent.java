package io.kinetic.checkout;

/**
 * A payment as its provider knows it (a PaymentIntent): its id, the client secret (for Stripe
 * Elements; null when the provider has none or does not say), status (Stripe's names), amount and
 * currency, what was refunded of it, and the last failed attempt's reason.
 */
record Intent(String id, String clientSecret, String status, long amount, String currency, long refunded,
              String lastError) {
}
