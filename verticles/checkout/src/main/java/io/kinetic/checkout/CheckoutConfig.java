package io.kinetic.checkout;

import io.kinetic.kernel.config.AppConfig;

/** What the checkout context needs from the configuration. {@code linkSecret}: signs guests' order links. */
record CheckoutConfig(String pgUrl, int poolSize, AppConfig.Checkout checkout, AppConfig.Stripe stripe,
                      AppConfig.Outbox outbox, long busTimeoutMillis, byte[] linkSecret) {
}
