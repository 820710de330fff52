package io.kinetic.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.pg.Migrations;
import io.kinetic.kernel.pg.PgPools;
import io.kinetic.kernel.testing.TestServices;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

  @Test
  void nodesStartingTogetherMigrateAFreshSchemaOnce() throws Exception {
    String url = TestServices.get().pgUrl();
    String schema = "kernel_migrations_race_" + Long.toString(System.nanoTime(), 36);
    var pool = Executors.newFixedThreadPool(4);
    try {
      var starts = new ArrayList<Future<Integer>>();
      for (int i = 0; i < 4; i++) {
        Callable<Integer> start = () -> Migrations.migrateBlocking(url, schema);
        starts.add(pool.submit(start));
      }
      int applied = 0;
      for (var start : starts) {
        applied += start.get();
      }
      var jdbc = PgPools.jdbc(url);
      try (var c = DriverManager.getConnection(jdbc.url(), jdbc.user(), jdbc.password()); var st = c.createStatement()) {
        int migrations;
        try (var rs = st.executeQuery("SELECT count(*) FROM " + schema + ".flyway_history WHERE success AND version IS NOT NULL")) {
          assertTrue(rs.next());
          migrations = rs.getInt(1);
        }
        assertEquals(migrations, applied, "every migration ran exactly once across the nodes");
        st.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
