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
