package io.kinetic.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnhandledFailuresTest {

  @Test
  void tellsTheKnownVertxDefectsApartFromRealErrors() {
    var poolTimer = thrownFrom("io.vertx.sqlclient.impl.pool.SqlConnectionPool$1PoolRequest", "lambda$onEnqueue$1",
      "Promise already completed");
    var clusterWrite = thrownFrom("io.vertx.core.eventbus.impl.clustered.OutboundConnection", "writeMessage",
      "Promise already completed");
    var elsewhere = thrownFrom("io.kinetic.checkout.Placement", "apply", "Promise already completed");
    var otherMessage = thrownFrom("io.vertx.sqlclient.impl.pool.SqlConnectionPool$1PoolRequest", "lambda$onEnqueue$1", "Pool closed");
    // a connection handed to a promise the timer failed already: may leave it leased, stays an error
    var lateConnection = thrownFrom("io.vertx.sqlclient.impl.pool.SqlConnectionPool$1PoolRequest", "handle",
      "Promise already completed");
    assertFalse(UnhandledFailures.isPoolWaitTimerAfterFailure(lateConnection));

    assertTrue(UnhandledFailures.isPoolWaitTimerAfterFailure(poolTimer));
    assertFalse(UnhandledFailures.isLostClusterWrite(poolTimer));
    assertTrue(UnhandledFailures.isLostClusterWrite(clusterWrite));
    assertFalse(UnhandledFailures.isPoolWaitTimerAfterFailure(clusterWrite));
    assertFalse(UnhandledFailures.isPoolWaitTimerAfterFailure(elsewhere), "our own code's double completion stays an error");
    assertFalse(UnhandledFailures.isLostClusterWrite(elsewhere));
    assertFalse(UnhandledFailures.isPoolWaitTimerAfterFailure(otherMessage));
    assertFalse(UnhandledFailures.isPoolWaitTimerAfterFailure(new RuntimeException("Promise already completed")));
  }

  private static IllegalStateException thrownFrom(String className, String method, String message) {
    var e = new IllegalStateException(message);
    e.setStackTrace(new StackTraceElement[] {
      new StackTraceElement("io.vertx.core.Promise", "fail", "Promise.java", 110),
      new StackTraceElement(className, method, "X.java", 309),
      new StackTraceElement("io.vertx.core.impl.VertxImpl$InternalTimerHandler", "handle", "VertxImpl.java", 1023)});
    return e;
  }
}
