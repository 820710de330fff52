package io.kinetic.analytics;

import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.contract.ContextModule;
import io.kinetic.kernel.contract.Contract;
import io.kinetic.kernel.contract.analytics.AnalyticsApi;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The analytics context: the sales dashboard's rollups, fed by durable consumers of the checkout's,
 * the cart's and the catalog's event logs. Schema {@value #SCHEMA} ({@code classpath:db/analytics}),
 * the contract {@link AnalyticsApi}, one {@link AnalyticsVerticle} per node (its consumers take
 * turns across nodes on their checkpoints' row locks).
 */
public final class AnalyticsModule implements ContextModule {

  public static final String SCHEMA = "analytics";

  @Override
  public Contract contract() {
    return AnalyticsApi.CONTRACT;
  }

  @Override
  public Future<String> deployVerticles(Vertx vertx, AppConfig config) {
    return vertx.deployVerticle(new AnalyticsVerticle(new AnalyticsSettings(config.pg().url(), config.pg().poolSize(),
      config.outbox(), config.bus().timeoutMillis(), config.catalog().defaultCurrency(), config.cart().currencies())));
  }
}
