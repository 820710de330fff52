package io.kinetic.kernel.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.TimeUnit;

/**
 * For tests that hold a row lock to keep other work in flight: instead of sleeping "long enough",
 * wait until PostgreSQL reports that many sessions are blocked by the holder's session (directly,
 * or queued behind a session that is). The holder's
 * backend pid comes from {@code SELECT pg_backend_pid()} on its connection; the checks run on
 * another connection (each in its own transaction, so each sees fresh activity).
 */
public final class LockWaits {

  /** Sessions waiting for the holder, directly or behind another waiter queued for the same row. */
  private static final String BLOCKED = """
    WITH RECURSIVE waiting(pid) AS (
      SELECT pid FROM pg_stat_activity WHERE $1 = ANY (pg_blocking_pids(pid))
      UNION
      SELECT a.pid FROM pg_stat_activity a JOIN waiting w ON w.pid = ANY (pg_blocking_pids(a.pid))
    )
    SELECT count(*) FROM waiting
    """;
  private static final long POLL_MILLIS = 10;
  private static final long TIMEOUT_MILLIS = 10_000;

  private LockWaits() {
  }

  /** The backend pid of the connection {@code client} (a connection or transaction, not a pool). */
  public static Future<Integer> backendPid(SqlClient client) {
    return client.query("SELECT pg_backend_pid()").execute().map(rows -> rows.iterator().next().getInteger(0));
  }

  /** Completes once at least {@code count} sessions wait for a lock held by {@code holderPid}; fails after 10 s. */
  public static Future<Void> blockedBy(Vertx vertx, SqlClient checks, int holderPid, int count) {
    return poll(vertx, checks, holderPid, count, System.currentTimeMillis() + TIMEOUT_MILLIS);
  }

  /** The same, blocking the calling (test) thread. */
  public static void awaitBlockedBy(Vertx vertx, SqlClient checks, int holderPid, int count) throws Exception {
    blockedBy(vertx, checks, holderPid, count).await(TIMEOUT_MILLIS + 5_000, TimeUnit.MILLISECONDS);
  }

  private static Future<Void> poll(Vertx vertx, SqlClient checks, int holderPid, int count, long deadline) {
    return checks.preparedQuery(BLOCKED).execute(Tuple.of(holderPid)).compose(rows -> {
      long blocked = rows.iterator().next().getLong(0);
      if (blocked >= count) {
        return Future.succeededFuture();
      }
      if (System.currentTimeMillis() > deadline) {
        return Future.failedFuture(new AssertionError(
          count + " session(s) should wait for the lock held by backend " + holderPid + ", " + blocked + " do"));
      }
      return vertx.timer(POLL_MILLIS).compose(t -> poll(vertx, checks, holderPid, count, deadline));
    });
  }
}
