package io.kinetic.kernel.outbox;

import io.vertx.core.Vertx;

/**
 * When the next pass of a relay or a consumer may start: at once, unless the last pass that did
 * work (logged or applied events) started less than {@code millis} ago; then when that time is
 * over, with one timer at a time. Under load one pass thus takes the events of many commits;
 * after a quiet spell the first event goes at once. A monotonic clock, so a wall-clock step can
 * neither stretch nor skip the wait. Used on its owner's context only.
 */
final class Linger {

  private final Vertx vertx;
  private final long millis;
  private long timer = -1;
  private long passStartedAt;
  private long busyPassStartedAt;
  private boolean lastBusy;

  Linger(Vertx vertx, long millis) {
    this.vertx = vertx;
    this.millis = millis;
  }

  long millis() {
    return millis;
  }

  void passStarted() {
    passStartedAt = System.nanoTime();
  }

  /** The pass that started last ended; {@code busy}: it did work. */
  void passEnded(boolean busy) {
    lastBusy = busy;
    if (busy) {
      busyPassStartedAt = passStartedAt;
    }
  }

  /**
   * Runs {@code pass} now when nothing holds it back ({@code running}: a pass in flight, which
   * notes the wake-up itself), else once the linger is over (unless a timer is set already).
   */
  void wake(boolean running, Runnable pass) {
    long wait = !lastBusy ? 0 : Math.min(millis, millis - (System.nanoTime() - busyPassStartedAt) / 1_000_000);
    if (wait <= 0 || running) {
      pass.run();
      return;
    }
    if (timer < 0) {
      timer = vertx.setTimer(wait, id -> {
        timer = -1;
        pass.run();
      });
    }
  }

  /** Forgets the pending timer and the last pass (a stop, a restart). */
  void reset() {
    vertx.cancelTimer(timer);
    timer = -1;
    lastBusy = false;
  }
}
