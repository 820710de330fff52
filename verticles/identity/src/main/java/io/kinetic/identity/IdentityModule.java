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
    return vertx.deployVerticle(new IdentityVerticle(settings(config, true)));
  }

  /**
   * For one-shot commands (create-admin): the identity endpoints without the consumers of other
   * contexts' logs, which would have nothing to read from on a node without those contexts.
   */
  public static Future<String> deployForCommand(Vertx vertx, AppConfig config) {
    return vertx.deployVerticle(new IdentityVerticle(settings(config, false)));
  }

  private static IdentitySettings settings(AppConfig config, boolean audit) {
    return new IdentitySettings(config.pg().url(), config.pg().poolSize(), config.redis().url(),
      config.redis().poolSize(), config.auth(), config.outbox(), config.bus().timeoutMillis(), audit);
  }
}
