package io.kinetic.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.pg.Migrations;
import io.kinetic.kernel.pg.PgPools;
import io.kinetic.kernel.testing.TestServices;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

/** Kernel migrations (0.x) added in a later release must still apply to schemas whose module migrations (1+) ran. */
class MigrationsTest {

  private static final String SCHEMA = "kernel_migrations_test";

  @Test
  void aKernelMigrationNewerThanTheModulesIsAppliedOutOfOrder() throws Exception {
    String url = TestServices.get().pgUrl();
    Migrations.migrateBlocking(url, SCHEMA);
    var jdbc = PgPools.jdbc(url);
    try (var c = DriverManager.getConnection(jdbc.url(), jdbc.user(), jdbc.password()); var st = c.createStatement()) {
      // the schema as a release without the kernel's migrations would have left it: module table only
      st.execute("SET search_path = " + SCHEMA);
      st.execute("DROP TABLE outbox, processed_event, outbox_head, event_reader, event_checkpoint, event_parked, "
        + "event_aggregate_version");
      st.execute("DELETE FROM flyway_history WHERE version < '1'");

      int applied = Migrations.migrateBlocking(url, SCHEMA);

      assertTrue(applied >= 1, "the kernel migrations run again");
      try (var rs = st.executeQuery("SELECT count(*) FROM outbox")) {
        assertTrue(rs.next());
        assertEquals(0, rs.getInt(1));
      }
      try (var rs = st.executeQuery("SELECT count(*) FROM module_thing")) {
        assertTrue(rs.next(), "the module migration is kept as it was");
      }
    }
  }
}
