package io.kinetic.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.pg.Migrations;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The kernel's migrations on a stock PostgreSQL image; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class ContainerDatabaseTest {

  @Container
  private static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:17-alpine");

  @Test
  void kernelMigrationsApplyOnAStockPostgres() {
    String url = "postgresql://" + POSTGRES.getUsername() + ":" + POSTGRES.getPassword() + "@" + POSTGRES.getHost() + ":"
      + POSTGRES.getMappedPort(5432) + "/" + POSTGRES.getDatabaseName();
    assertTrue(Migrations.migrateBlocking(url, "container_check") >= 1);
  }
}
