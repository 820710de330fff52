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
   * True when PostgreSQL could not take the statement for a passing reason, not because of the
   * request: SQLSTATE class 53 (insufficient resources: too many connections, out of memory or
   * disk), class 08 (a connection failed) and 57P01 to 57P03 (the server is shutting down or
   * starting up), and a connection refused or closed on the way. A retry a moment later may succeed.
   */
  public static boolean isUnavailable(Throwable t) {
    if (t instanceof PgException pg && pg.getSqlState() != null) {
      String state = pg.getSqlState();
      return state.startsWith("53") || state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
        || state.equals("57P03");
    }
    return t instanceof java.net.ConnectException || t instanceof io.vertx.core.http.ConnectionPoolTooBusyException
      || t instanceof io.vertx.sqlclient.ClosedConnectionException;
  }

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
