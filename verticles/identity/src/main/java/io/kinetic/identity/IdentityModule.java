package io.kinetic.identity;

import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.contract.ContextModule;
import io.kinetic.kernel.contract.Contract;
import io.kinetic.kernel.contract.identity.IdentityApi;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The identity context: customers, staff and their tokens, the audit log. Schema {@value #SCHEMA}
 * ({@code classpath:db/identity}), the contract {@link IdentityApi}, one {@link IdentityVerticle}.
 */
public final class IdentityModule implements ContextModule {

  public static final String SCHEMA = "identity";

  @Override
  public Contract contract() {
    return IdentityApi.CONTRACT;
  }

  @Override
  public Future<String> deployVerticles(Vertx vertx, AppConfig config) {
    var settings = new IdentitySettings(config.pg().url(), config.pg().poolSize(), config.redis().url(),
      config.redis().poolSize(), config.auth(), config.outbox(), config.bus().timeoutMillis());
    return vertx.deployVerticle(new IdentityVerticle(settings));
  }
}
