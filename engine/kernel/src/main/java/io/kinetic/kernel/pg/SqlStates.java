package io.kinetic.kernel.pg;

import io.vertx.pgclient.PgException;

/** SQLSTATE checks, used at the repository edge to turn database errors into error codes. */
public final class SqlStates {

  public static final String UNIQUE_VIOLATION = "23505";
  public static final String FOREIGN_KEY_VIOLATION = "23503";
  public static final String CHECK_VIOLATION = "23514";
  public static final String SERIALIZATION_FAILURE = "40001";
  public static final String DEADLOCK_DETECTED = "40P01";

  private SqlStates() {
  }

  /**
   * True for PostgreSQL's class 22 "data exception" (a NUL in text, a value too long, a number or
   * date out of range, ...): the input was bad, not the server.
   */
  public static boolean isDataException(Throwable t) {
    return t instanceof PgException pg && pg.getSqlState() != null && pg.getSqlState().startsWith("22");
  }

  /**
   * True when a statement never reached PostgreSQL for a passing reason, so that a retry a moment
   * later may succeed and cannot repeat a write: too many connections (53300), the server starting
   * up (57P03), a connection that could not be made (08001, 08004, or refused), the pool's queue
   * full. A connection lost with a statement in flight (its commit may have happened) and
   * deterministic failures (other states of classes 53 and 08) are not.
   */
  public static boolean isUnavailable(Throwable t) {
    if (t instanceof PgException pg && pg.getSqlState() != null) {
      return UNAVAILABLE.contains(pg.getSqlState());
    }
    return t instanceof java.net.ConnectException || t instanceof io.vertx.core.http.ConnectionPoolTooBusyException;
  }

  private static final java.util.Set<String> UNAVAILABLE = java.util.Set.of("53300", "57P03", "08001", "08004");

  /**
   * True when the connection went away with a statement in flight: the server shut down or crashed
   * (57P01, 57P02), the connection failed or is gone (08000, 08003, 08006), the transaction's outcome
   * is unknown (08007), or the socket was closed or reset under the client. Whether the statement
   * (its commit) took effect is unknown, so this is no {@link #isUnavailable} case: the request may
   * be repeated only where repeating it is safe (an order placed again under its idempotency key).
   */
  public static boolean isConnectionLost(Throwable t) {
    if (t instanceof PgException pg && pg.getSqlState() != null) {
      return LOST.contains(pg.getSqlState());
    }
    return t instanceof io.vertx.sqlclient.ClosedConnectionException || t instanceof java.net.SocketException
      || t instanceof java.nio.channels.ClosedChannelException
      // netty's native transport: "recvAddress(..) failed: Connection reset by peer"
      || (t instanceof java.io.IOException && t.getClass().getName().startsWith("io.netty.channel.unix."));
  }

  private static final java.util.Set<String> LOST = java.util.Set.of("57P01", "57P02", "08000", "08003", "08006", "08007");

  public static boolean is(Throwable t, String state) {
    return t instanceof PgException pg && state.equals(pg.getSqlState());
  }

  /** The name of the violated constraint, or "" when the failure is not a constraint violation. */
  public static String constraint(Throwable t) {
    if (t instanceof PgException pg && pg.getConstraint() != null) {
      return pg.getConstraint();
    }
    return "";
  }
}
