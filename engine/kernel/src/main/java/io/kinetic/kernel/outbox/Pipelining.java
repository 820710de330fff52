package io.kinetic.kernel.outbox;

import io.kinetic.kernel.contract.log.LoggedEvent;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.logging.Logger;

/**
 * Lets a consumer's statements run back to back on its transaction's connection (the PostgreSQL
 * client pipelines them) instead of one round trip after the other: a statement is sent and the
 * event counts as handed over at once. The statements of one pass still run in log order in one
 * transaction, and a failing one fails the pass (the transaction is aborted, the checkpoint does not
 * move). Because the consumer then cannot tell which event failed, a failure turns pipelining off
 * for {@value #OFF_MILLIS} ms: the consumer applies one event after the other again, so a failing
 * event is retried on its own and parked as usual.
 *
 * <p>The same switch tells a handler whether to keep its writes for the pass's end
 * ({@link LogConsumer.Handler#finish}: one set-based statement for many events) or to write each
 * event's at once; a failure at the end turns it off as well.
 *
 * <p>A parked event's retry runs alone in a transaction of its own ({@link #handler}): its
 * statements are not pipelined and its failure leaves pipelining on (else one parked poison event
 * would turn pipelining off after each of its retries).
 */
public final class Pipelining {

  private static final Logger LOG = Logger.getLogger(Pipelining.class.getName());
  public static final long OFF_MILLIS = 120_000;

  private final String name;
  private volatile long failedAt = Long.MIN_VALUE / 2;
  /** While a parked event is retried (on the consumer's context). */
  private boolean alone;

  /** {@code name}: the consumer's, for the log. */
  public Pipelining(String name) {
    this.name = name;
  }

  /**
   * A consumer's handler: {@code apply} pipelined in passes, not pipelined for a parked event's
   * retry; a failure of its {@code finish} (a pass's set-based statements) turns pipelining off
   * too. The retry is told while {@code apply} runs, so a statement must be sent through
   * {@link #send} (or {@link #on} read) before {@code apply} returns, not in a later callback.
   */
  public LogConsumer.Handler handler(LogConsumer.Handler apply) {
    return new LogConsumer.Handler() {
      @Override
      public Future<?> apply(SqlConnection tx, LoggedEvent event) {
        return apply.apply(tx, event);
      }

      @Override
      public Future<?> prepare(java.util.List<LoggedEvent> events) {
        return apply.prepare(events);
      }

      @Override
      public Future<?> finish(SqlConnection tx) {
        Future<?> finished;
        try {
          finished = apply.finish(tx);
        } catch (RuntimeException e) {
          finished = Future.failedFuture(e);
        }
        finished.onFailure(Pipelining.this::failed);
        return finished;
      }

      @Override
      public Future<?> applyParked(SqlConnection tx, LoggedEvent event) {
        alone = true;
        try {
          return apply.apply(tx, event);
        } finally {
          alone = false;
        }
      }
    };
  }

  /** Whether statements are pipelined now. */
  public boolean on() {
    return !alone && System.currentTimeMillis() - failedAt > OFF_MILLIS;
  }

  /** {@code statement}, or (pipelining on) a future that has succeeded already while it runs. */
  public Future<?> send(Future<?> statement) {
    if (!on()) {
      return statement;
    }
    statement.onFailure(this::failed);
    return Future.succeededFuture();
  }

  /**
   * A pipelined statement, or a pass's set-based one ({@link LogConsumer.Handler#finish}), failed:
   * one event after the other for a while.
   */
  private void failed(Throwable t) {
    if (on()) {
      LOG.info(name + ": a pipelined or set-based statement failed (" + t.getMessage() + "): one event after the other for "
        + OFF_MILLIS / 1000 + " s");
    }
    failedAt = System.currentTimeMillis();
  }
}
