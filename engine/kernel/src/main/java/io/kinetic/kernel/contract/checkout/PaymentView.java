package io.kinetic.kernel.contract.checkout;

import io.kinetic.kernel.money.Money;
import java.time.Instant;
import java.util.UUID;

/**
 * An order's payment. {@code provider}: {@code test} or {@code stripe}; {@code status}:
 * {@code requires_payment_method}, {@code processing}, {@code succeeded}, {@code canceled},
 * {@code refunded}, {@code partially_refunded}. {@code clientSecret}: for Stripe Elements (only to
 * the order's owner). {@code lastError}: the provider's reason of the last failed attempt.
 */
public record PaymentView(UUID id, String provider, String intentId, String status, Money amount, Money refunded,
                          String clientSecret, String lastError, Instant updatedAt) {
}
