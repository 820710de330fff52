package io.kinetic.kernel.pg;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.flywaydb.core.Flyway;

/**
 * Runs a module's Flyway migrations into the schema it owns, on a worker thread. Every schema also
 * gets the kernel's tables (outbox, processed events) from {@code classpath:db/kernel}, versions
 * 0.x; module migrations start at V1. Migrations run out of order: a kernel migration released
 * after a schema's module migrations ran (0.2 after 1) is applied instead of failing validation.
 */
public final class Migrations {

  private Migrations() {
  }

  /** Migrates {@code schema} with {@code classpath:db/<schema>}; returns the number of migrations applied. */
  public static Future<Integer> migrate(Vertx vertx, String pgUrl, String schema) {
    return vertx.executeBlocking(() -> migrateBlocking(pgUrl, schema), false);
  }

  public static int migrateBlocking(String pgUrl, String schema) {
    var jdbc = PgPools.jdbc(pgUrl);
    var flyway = Flyway.configure(Migrations.class.getClassLoader())
      .dataSource(jdbc.url(), jdbc.user(), jdbc.password())
      .schemas(schema)
      .defaultSchema(schema)
      .createSchemas(true)
      .locations("classpath:db/kernel", "classpath:db/" + schema)
      .table("flyway_history")
      .outOfOrder(true)
      .load();
    return flyway.migrate().migrationsExecuted;
  }
}
