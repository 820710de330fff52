package io.kinetic.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.pg.PgPools;
import io.kinetic.kernel.testing.TestServices;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pools' connections keep every statement of ours prepared, the long one-statement steps too
 * (the client's default left statements over 2,048 characters unnamed: parsed and planned on every
 * call).
 */
class PgPoolsTest {

  private static Vertx vertx;
  private static Pool pool;

  @BeforeAll
  static void setUp() {
    vertx = Vertx.vertx();
    pool = PgPools.create(vertx, TestServices.get().pgUrl(), 1, "public");
  }

  @AfterAll
  static void tearDown() {
    vertx.close();
  }

  @Test
  void aLongStatementIsPreparedOnceAndKeptOnItsConnection() throws Exception {
    // longer than the checkout's longest (a payment's success: about 2,650 characters)
    String sql = "SELECT $1::int + 1 AS n" + " /* padding */".repeat(250);
    assertTrue(sql.length() > 3_000);
    SqlConnection connection = pool.getConnection().await(5, TimeUnit.SECONDS);
    try {
      for (int i = 0; i < 3; i++) {
        int n = connection.preparedQuery(sql).execute(Tuple.of(i)).await(5, TimeUnit.SECONDS).iterator().next().getInteger("n");
        assertEquals(i + 1, n);
      }
      long kept = connection.preparedQuery("SELECT count(*) FROM pg_prepared_statements WHERE statement = $1")
        .execute(Tuple.of(sql)).await(5, TimeUnit.SECONDS).iterator().next().getLong(0);
      assertEquals(1, kept, "prepared once, by name, on the connection");
    } finally {
      connection.close().await(5, TimeUnit.SECONDS);
    }
  }
}
