package io.kinetic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.pg.PgPools;
import io.kinetic.kernel.testing.TestServices;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

/** The engine tells the operator at start when its PostgreSQL server runs without autovacuum. */
class AutovacuumWarningTest {

  @Test
  void warnsExactlyWhenTheServerRunsWithoutAutovacuum() throws Exception {
    String url = TestServices.get().pgUrl();
    var jdbc = PgPools.jdbc(url);
    String setting;
    try (var connection = DriverManager.getConnection(jdbc.url(), jdbc.user(), jdbc.password());
         var rows = connection.createStatement().executeQuery("SHOW autovacuum")) {
      rows.next();
      setting = rows.getString(1);
    }
    String warning = Infrastructure.autovacuumWarning(url);
    assertEquals("off".equals(setting), warning != null, "autovacuum " + setting + ": " + warning);
    if (warning != null) {
      assertTrue(warning.contains("autovacuum off") && warning.contains("VACUUM ANALYZE"), warning);
    }
  }

  @Test
  void saysNothingWhenTheServerCannotBeAsked() {
    assertNull(Infrastructure.autovacuumWarning("postgresql://nobody@127.0.0.1:1/none"));
  }
}
