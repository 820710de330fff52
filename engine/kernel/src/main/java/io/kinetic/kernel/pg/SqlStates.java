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
