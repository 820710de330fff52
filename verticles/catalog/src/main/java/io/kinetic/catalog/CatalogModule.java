package io.kinetic.catalog;

import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.outbox.EventLogVerticle;
import io.kinetic.kernel.pg.Migrations;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * How the composition root runs the catalog: migrate {@link #SCHEMA} first (migrations live in
 * {@code classpath:db/catalog}), then deploy {@link #VERTICLE} with {@link #deploymentOptions}.
 */
public final class CatalogModule {

  /** The PostgreSQL schema the catalog owns. */
  public static final String SCHEMA = "catalog";

  /** A new catalog verticle per deployed instance. */
  public static final Supplier<VerticleBase> VERTICLE = CatalogVerticle::new;

  private CatalogModule() {
  }

  public static Future<Integer> migrate(Vertx vertx, String pgUrl) {
    return Migrations.migrate(vertx, pgUrl, SCHEMA);
  }

  /** The merged configuration as deployment config, {@code catalog.instances} instances (0: one per core). */
  public static DeploymentOptions deploymentOptions(AppConfig config) {
    return new DeploymentOptions().setConfig(config.raw()).setInstances(AppConfig.instances(config.catalog().instances()));
  }

  /**
   * Deploys the catalog's event log on this node (one instance), then the verticle; the schema
   * must be migrated and the contracts registered already.
   */
  public static Future<String> deploy(Vertx vertx, AppConfig config) {
    var log = new EventLogVerticle(SCHEMA, config.pg().url(), config.pg().poolSize(), config.outbox());
    return vertx.deployVerticle(log).compose(id -> vertx.deployVerticle(VERTICLE, deploymentOptions(config)));
  }
}
