package io.kinetic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.testing.TestServices;
import io.vertx.core.json.JsonObject;
import java.sql.DriverManager;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The command-line tools against the shared test database, checked through the running engine. */
class CommandsTest {

  @Test
  void createAdminMakesAStaffAdminWhoCanLogIn() throws Exception {
    String email = "cli-admin-" + UUID.randomUUID() + "@kinetic.test";
    String password = "cli-admin-password-" + UUID.randomUUID();
    Map<String, String> env = EngineEnv.of("someone-else-" + UUID.randomUUID() + "@kinetic.test", password);

    Commands.createAdmin(env, new String[] {"--email", email, "--name", "Cli Admin"});

    var login = RunningEngine.client().post("/api/v1/admin/auth/login")
      .sendJsonObject(new JsonObject().put("email", email).put("password", password)).await(10, TimeUnit.SECONDS);
    assertEquals(200, login.statusCode(), login.bodyAsString());
    var me = RunningEngine.client().get("/api/v1/admin/me")
      .bearerTokenAuthentication(login.bodyAsJsonObject().getString("accessToken")).send().await(10, TimeUnit.SECONDS);
    assertEquals("Cli Admin", me.bodyAsJsonObject().getString("name"));
  }

  /**
   * {@code seed} leaves the shop's tables analyzed: an engine started next plans on the new
   * catalogue's statistics. Where autovacuum is off (or slow to come round) every product read of
   * a freshly seeded shop took a second and more, and staff's stock changes timed out.
   */
  @Test
  void seedLeavesTheTablesAnalyzed() throws Exception {
    String url = TestServices.get().newDatabase("seeded");
    Map<String, String> env = EngineEnv.of("seed-admin-" + UUID.randomUUID() + "@kinetic.test", "seed-password-0123456789");
    env.put("COMMERCE_PG_URL", url);
    Commands.seed(env, new String[] {"--products", "50", "--orders", "20", "--days", "7"});

    var jdbc = io.kinetic.kernel.pg.PgPools.jdbc(url);
    try (var connection = DriverManager.getConnection(jdbc.url(), jdbc.user(), jdbc.password());
         var rows = connection.createStatement().executeQuery(
           "SELECT schemaname || '.' || relname, last_analyze IS NOT NULL, n_live_tup FROM pg_stat_user_tables"
             + " WHERE (schemaname, relname) IN (('catalog', 'product'), ('catalog', 'variant'), ('catalog', 'variant_price'),"
             + " ('checkout', 'orders'))")) {
      int tables = 0;
      while (rows.next()) {
        tables++;
        assertTrue(rows.getBoolean(2), rows.getString(1) + " is analyzed after the seed");
      }
      assertEquals(4, tables, "the catalogue's and the orders' tables are there");
    }
  }
}
