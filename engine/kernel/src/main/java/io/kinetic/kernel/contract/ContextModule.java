package io.kinetic.kernel.contract;

import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.outbox.EventLogVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * A bounded context, declared once: its {@link Contract} (name, bus endpoints with their types,
 * events), whether it owns a PostgreSQL schema (named like the context, migrated from
 * {@code classpath:db/<context>}), and how it deploys on a node with its own section of the
 * configuration. The composition root lists the modules once, in deploy order; from that list it
 * migrates the schemas, registers the codecs, deploys each context's event log (when it publishes
 * events) and the context itself. On stop the gateway is undeployed first (it drains), then Vert.x
 * closes and undeploys the rest together.
 */
public interface ContextModule {

  Contract contract();

  default String name() {
    return contract().context();
  }

  /** False for a context without tables of its own (the gateway). */
  default boolean ownsSchema() {
    return true;
  }

  /**
   * Deploys the context's verticles on this node, giving each the typed settings it needs (not
   * the whole configuration); completes with the deployment id once they serve. The schema is
   * migrated and the codecs are registered already.
   */
  Future<String> deployVerticles(Vertx vertx, AppConfig config);

  /** The context's event log on this node (when it publishes events), then its verticles. */
  default Future<String> deploy(Vertx vertx, AppConfig config) {
    Future<?> log = contract().publishesEvents()
      ? vertx.deployVerticle(new EventLogVerticle(name(), config.pg().url(), config.pg().poolSize(), config.outbox()))
      : Future.succeededFuture();
    return log.compose(v -> deployVerticles(vertx, config));
  }
}
