package io.kinetic.cart;

import io.kinetic.kernel.config.AppConfig;

/** What the cart verticle needs of the configuration. */
record CartSettings(String pgUrl, int poolSize, String redisUrl, int redisPoolSize, AppConfig.Cart cart,
                    AppConfig.Outbox outbox, long busTimeoutMillis, String defaultCurrency) {

  long guestTtlMillis() {
    return cart.guestTtlDays() * 86_400_000L;
  }

  long customerTtlMillis() {
    return cart.customerTtlDays() * 86_400_000L;
  }

  /** A reservation never outlives its cart. */
  long reservationMillis() {
    return Math.min(cart.reservationSeconds() * 1_000L, guestTtlMillis());
  }
}
