package io.kinetic.recommendations;

import io.kinetic.recommendations.model.Ease;
import io.kinetic.recommendations.model.Signal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * EASE retrained in the background: at start and every {@value #EVERY_MILLIS} ms, on the kept
 * signals and orders (read from PostgreSQL as the admin's report reads them), on a worker thread;
 * the new lists replace the old ones on the event loop. A training still running when the next is
 * due makes that one skip.
 */
final class EaseTraining {

  private static final Logger LOG = Logger.getLogger(EaseTraining.class.getName());
  static final long EVERY_MILLIS = 300_000;
  /** The most frequent items EASE covers (a dense n × n matrix: 2,000 items are 32 MB and some seconds). */
  static final int ITEMS = Integer.getInteger("kinetic.ease.items", 2_000);
  /** The L2 regularisation λ. */
  static final double LAMBDA = Double.parseDouble(System.getProperty("kinetic.ease.lambda", "300"));
  /** Rows of 1s (true) or of each product's strongest signal weight (false). */
  static final boolean BINARY = Boolean.parseBoolean(System.getProperty("kinetic.ease.binary", "true"));

  private final Vertx vertx;
  private final Models models;
  private final Supplier<Future<List<Signal>>> signals;
  private final Runnable changed;
  private final int k;
  private boolean running;
  private long timer = -1;

  EaseTraining(Vertx vertx, Models models, Supplier<Future<List<Signal>>> signals, Runnable changed, int k) {
    this.vertx = vertx;
    this.models = models;
    this.signals = signals;
    this.changed = changed;
    this.k = k;
  }

  static Ease.Trained train(List<Signal> signals, int k) {
    return Ease.train(Ease.rows(signals, BINARY), ITEMS, LAMBDA, k);
  }

  /** Trains now (the answer completes when done), then every {@value #EVERY_MILLIS} ms. */
  Future<Void> start() {
    timer = vertx.setPeriodic(EVERY_MILLIS, id -> run());
    return run();
  }

  void stop() {
    vertx.cancelTimer(timer);
  }

  Future<Void> run() {
    if (running) {
      return Future.succeededFuture();
    }
    running = true;
    return signals.get()
      .compose(list -> vertx.executeBlocking(() -> train(list, k), false))
      .map(trained -> {
        models.ease = trained.neighbours();
        changed.run();
        LOG.info("EASE trained on " + trained.rows() + " sessions and orders over " + trained.items() + " products in "
          + trained.millis() + " ms");
        return (Void) null;
      })
      .recover(t -> {
        LOG.warning("EASE training failed, the previous lists stay: " + t);
        return Future.succeededFuture();
      })
      .onComplete(v -> running = false);
  }
}
