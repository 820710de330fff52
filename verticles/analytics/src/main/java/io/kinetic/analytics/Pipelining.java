package io.kinetic.analytics;

import io.vertx.core.Future;
import java.util.logging.Logger;

/**
 * Lets a consumer's statements run back to back on its transaction's connection (the PostgreSQL
 * client pipelines them) instead of one round trip after the other: a statement is sent and the
 * event counts as handed over at once. The statements of one pass still run in log order in one
 * transaction, and a failing one fails the pass (the transaction is aborted, the checkpoint does not
 * move). Because the consumer then cannot tell which event failed, a failure turns pipelining off
 * for {@value #OFF_MILLIS} ms: the consumer applies one event after the other again, so a failing
 * event is retried on its own and parked as usual.
 */
final class Pipelining {

  private static final Logger LOG = Logger.getLogger(Pipelining.class.getName());
  static final long OFF_MILLIS = 120_000;

  private volatile long failedAt = Long.MIN_VALUE / 2;

  /** Whether statements are pipelined now. */
  boolean on() {
    return System.currentTimeMillis() - failedAt > OFF_MILLIS;
  }

  /** {@code statement}, or (pipelining on) a future that has succeeded already while it runs. */
  Future<?> send(Future<?> statement) {
    if (!on()) {
      return statement;
    }
    statement.onFailure(t -> {
      if (on()) {
        LOG.info("a pipelined rollup statement failed (" + t.getMessage() + "): one event after the other for "
          + OFF_MILLIS / 1000 + " s");
      }
      failedAt = System.currentTimeMillis();
    });
    return Future.succeededFuture();
  }
}
