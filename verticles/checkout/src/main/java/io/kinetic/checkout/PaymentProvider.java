package io.kinetic.checkout;

import io.kinetic.kernel.money.Money;
import io.vertx.core.Future;
import java.util.UUID;

/**
 * A payment provider as checkout uses it: Stripe ({@code StripeProvider}) or the built-in
 * {@code TestProvider}. Both go through the same states and events: what they report comes back as
 * {@link Observation}s, applied by {@code PaymentLedger}. Every write carries an idempotency key,
 * so a retried call never creates a second intent or a second refund. Failures that mean "could
 * not reach or use the provider" are {@code PAYMENT_PROVIDER_UNAVAILABLE}.
 */
interface PaymentProvider {

  String name();

  /** Creates (or, for the same key, finds again) the intent of an order, for the server's total. */
  Future<Intent> create(UUID orderId, String orderNumber, Money amount, String idempotencyKey);

  /** The intent as the provider knows it now. */
  Future<Intent> retrieve(String intentId);

  /** Refunds {@code amount} minor units of a succeeded intent (once per key). */
  Future<Intent> refund(String intentId, long amount, String idempotencyKey);

  /** Cancels an intent that has not succeeded (nothing happens to one that has). */
  Future<Intent> cancel(String intentId);
}
