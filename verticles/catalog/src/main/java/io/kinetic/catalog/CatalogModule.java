package io.kinetic.catalog;

import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.contract.ContextModule;
import io.kinetic.kernel.contract.Contract;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The catalog context: schema {@value #SCHEMA} ({@code classpath:db/catalog}), the contract
 * {@link CatalogApi}, and {@code catalog.instances} instances of {@link CatalogVerticle} (0: one
 * per core) sharing the node's caches, and one {@link ReservedStock} reader of the cart's log.
 */
public final class CatalogModule implements ContextModule {

  /** The PostgreSQL schema the catalog owns. */
  public static final String SCHEMA = "catalog";

  @Override
  public Contract contract() {
    return CatalogApi.CONTRACT;
  }

  @Override
  public Future<String> deployVerticles(Vertx vertx, AppConfig config) {
    var settings = CatalogSettings.of(config);
    var options = new DeploymentOptions().setInstances(AppConfig.instances(config.catalog().instances()));
    return vertx.deployVerticle(() -> new CatalogVerticle(settings), options)
      .compose(id -> vertx.deployVerticle(new ReservedStock(settings, config.outbox(), config.bus().timeoutMillis())).map(id));
  }
}
