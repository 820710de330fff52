package io.kinetic.cart;

import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.contract.ContextModule;
import io.kinetic.kernel.contract.Contract;
import io.kinetic.kernel.contract.cart.CartApi;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The cart context: carts and their stock reservations in Redis (customer carts also in
 * PostgreSQL), wishlists in PostgreSQL. Schema {@value #SCHEMA} ({@code classpath:db/cart}), the
 * contract {@link CartApi}, {@code cart.instances} {@link CartVerticle}s per node (default 1; 0: one per core).
 */
public final class CartModule implements ContextModule {

  public static final String SCHEMA = "cart";

  @Override
  public Contract contract() {
    return CartApi.CONTRACT;
  }

  @Override
  public Future<String> deployVerticles(Vertx vertx, AppConfig config) {
    CartSettings settings = settings(config);
    // cart.instances verticles share the bus addresses (each request goes to one of them, on its own
    // event loop); the first also runs the reservations' housekeeping and notes stock changes
    var first = new java.util.concurrent.atomic.AtomicBoolean(true);
    var options = new DeploymentOptions().setInstances(AppConfig.instances(config.cart().instances()));
    return vertx.deployVerticle(() -> new CartVerticle(settings, first.getAndSet(false)), options);
  }

  static CartSettings settings(AppConfig config) {
    return new CartSettings(config.pg().url(), config.pg().poolSize(), config.redis().url(), config.redis().poolSize(),
      config.cart(), config.outbox(), config.bus().timeoutMillis(), config.catalog().defaultCurrency());
  }
}
