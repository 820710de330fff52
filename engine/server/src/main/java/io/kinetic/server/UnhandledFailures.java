package io.kinetic.server;

import io.vertx.core.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The engine's last-resort handler for exceptions no callback caught (Vert.x would log them as
 * SEVERE "Unhandled exception"), with one known Vert.x 5.0 defect told apart.
 *
 * <p><b>"Promise already completed" after a node died.</b> When a clustered event-bus message is
 * written to the socket of a node that has just died, the failed write is handed to the message's
 * delivery context, whose {@code tryFail} reports {@code false}; {@code Promise.fail} then throws
 * {@code IllegalStateException("Promise already completed")} from
 * {@code OutboundConnection.writeMessage}, and the failure never reaches the sender: a request
 * waits for its full timeout. The engine avoids that path for requests (they stay on their node,
 * see {@code BusClient}); what remains are event publishes in the moment between the death and
 * the socket's close, and those are lost for the dead node only. That case is logged as one
 * warning that says so, not as a SEVERE stack trace.
 *
 * <p><b>"Promise already completed" from a PostgreSQL pool's wait.</b> A request waiting for a pool
 * connection arms a timer (the pool's connection timeout, 30 s) in the 5.0 pool's
 * {@code PoolRequest.onEnqueue}; in some way of ending the wait other than a timeout the timer is
 * left armed (the shape of eclipse-vertx/vertx-sql-client#1706, where a failed acquire leaves it),
 * and when it fires it tries to fail the request's promise with "Timeout". That promise was already
 * completed, which is what the exception says: the request had its answer (a connection, or the
 * failure to get one) and was handled then; the late timer changes nothing. Logged as one warning.
 */
final class UnhandledFailures implements Handler<Throwable> {

  private static final Logger LOG = Logger.getLogger(UnhandledFailures.class.getName());
  private static final String DEFECT_MESSAGE = "Promise already completed";
  private static final String DEFECT_CLASS = "io.vertx.core.eventbus.impl.clustered.OutboundConnection";
  private static final String POOL_WAIT_CLASS = "io.vertx.sqlclient.impl.pool.SqlConnectionPool";

  @Override
  public void handle(Throwable t) {
    if (isLostClusterWrite(t)) {
      LOG.warning("a cluster message to a node that has just gone away was lost (Vert.x reports this as \""
        + DEFECT_MESSAGE + "\"); requests stay on their own node, other nodes drop the dead one shortly");
    } else if (isPoolWaitTimerAfterFailure(t)) {
      LOG.warning("a PostgreSQL pool's 30 s wait timer fired for a request that had its answer already (Vert.x reports"
        + " this as \"" + DEFECT_MESSAGE + "\"); the late timer changes nothing");
    } else {
      LOG.log(Level.SEVERE, "Unhandled exception", t);
    }
  }

  static boolean isLostClusterWrite(Throwable t) {
    return isDefectIn(t, DEFECT_CLASS);
  }

  /**
   * Only the wait's timer failing the promise: the first frame outside Vert.x core's is the pool
   * request's {@code onEnqueue} timer lambda. The opposite case (a connection handed to a promise
   * the timer failed already, which may leave it leased) or our own code completing twice on the
   * pool's stack stay SEVERE.
   */
  static boolean isPoolWaitTimerAfterFailure(Throwable t) {
    if (!isPromiseCompletedTwice(t)) {
      return false;
    }
    for (StackTraceElement frame : t.getStackTrace()) {
      if (!frame.getClassName().startsWith("io.vertx.core.")) {
        return frame.getClassName().equals(POOL_WAIT_CLASS + "$1PoolRequest") && frame.getMethodName().startsWith("lambda$onEnqueue$");
      }
    }
    return false;
  }

  /** "Promise already completed" thrown from a frame of {@code className}. */
  private static boolean isDefectIn(Throwable t, String className) {
    if (!isPromiseCompletedTwice(t)) {
      return false;
    }
    for (StackTraceElement frame : t.getStackTrace()) {
      if (frame.getClassName().equals(className)) {
        return true;
      }
    }
    return false;
  }

  /** Vert.x's "Promise already completed": a promise completed a second time. */
  private static boolean isPromiseCompletedTwice(Throwable t) {
    return t instanceof IllegalStateException && DEFECT_MESSAGE.equals(t.getMessage());
  }
}
