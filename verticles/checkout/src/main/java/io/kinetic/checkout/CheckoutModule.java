package io.kinetic.checkout;

import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.contract.ContextModule;
import io.kinetic.kernel.contract.Contract;
import io.kinetic.kernel.contract.checkout.CheckoutApi;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The checkout context: tax and shipping settings, quotes, placing orders (a saga over the cart,
 * the catalog's stock and the payment provider), payments with Stripe or the built-in test
 * provider, and orders. Schema {@value #SCHEMA} ({@code classpath:db/checkout}), the contract
 * {@link CheckoutApi}, one {@link CheckoutVerticle} per node.
 */
public final class CheckoutModule implements ContextModule {

  public static final String SCHEMA = "checkout";

  @Override
  public Contract contract() {
    return CheckoutApi.CONTRACT;
  }

  @Override
  public Future<String> deployVerticles(Vertx vertx, AppConfig config) {
    return vertx.deployVerticle(new CheckoutVerticle(settings(config)));
  }

  static CheckoutConfig settings(AppConfig config) {
    return new CheckoutConfig(config.pg().url(), config.checkout().poolSize(), config.checkout(), config.stripe(),
      config.outbox(), config.bus().timeoutMillis(), io.kinetic.kernel.auth.DerivedKeys.derive(config.auth().jwtSecret(), "order-links"));
  }

}
