package io.kinetic.kernel.contract.checkout;

/**
 * {@code provider}: {@code stripe} (pay with Stripe Elements: {@code publishableKey}, and Stripe.js
 * loaded from {@code scriptUrl}) or {@code test} (the built-in test provider: pay with a test card
 * number).
 */
public record PaymentConfig(String provider, String publishableKey, String scriptUrl) {
}
