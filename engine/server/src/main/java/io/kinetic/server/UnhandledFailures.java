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
 */
final class UnhandledFailures implements Handler<Throwable> {

  private static final Logger LOG = Logger.getLogger(UnhandledFailures.class.getName());
  private static final String DEFECT_MESSAGE = "Promise already completed";
  private static final String DEFECT_CLASS = "io.vertx.core.eventbus.impl.clustered.OutboundConnection";

  @Override
  public void handle(Throwable t) {
    if (isLostClusterWrite(t)) {
      LOG.warning("a cluster message to a node that has just gone away was lost (Vert.x reports this as \""
        + DEFECT_MESSAGE + "\"); requests stay on their own node, other nodes drop the dead one shortly");
    } else {
      LOG.log(Level.SEVERE, "Unhandled exception", t);
    }
  }

  static boolean isLostClusterWrite(Throwable t) {
    if (!(t instanceof IllegalStateException) || !DEFECT_MESSAGE.equals(t.getMessage())) {
      return false;
    }
    for (StackTraceElement frame : t.getStackTrace()) {
      if (frame.getClassName().equals(DEFECT_CLASS)) {
        return true;
      }
    }
    return false;
  }
}
