package io.kinetic.kernel.testing;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * Waits for a condition instead of sleeping a fixed time: polls every 10 ms until the condition
 * holds, failing with the last value seen when the deadline (10 s unless given) passes. A check
 * that throws counts as "not yet" (the exception is reported if the deadline passes).
 */
public final class Eventually {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private static final long POLL_MILLIS = 10;

  /** A value read by a check; may throw. */
  @FunctionalInterface
  public interface Check<T> {
    T get() throws Exception;
  }

  private Eventually() {
  }

  /** Waits until {@code condition} returns true. */
  public static void until(String what, Check<Boolean> condition) {
    value(what, DEFAULT_TIMEOUT, condition, Boolean.TRUE::equals);
  }

  /** Waits until {@code condition} returns true, at most {@code timeout}. */
  public static void until(String what, Duration timeout, Check<Boolean> condition) {
    value(what, timeout, condition, Boolean.TRUE::equals);
  }

  /** Waits until {@code read} returns a value {@code accepted} accepts, and returns it. */
  public static <T> T value(String what, Check<T> read, Predicate<? super T> accepted) {
    return value(what, DEFAULT_TIMEOUT, read, accepted);
  }

  public static <T> T value(String what, Duration timeout, Check<T> read, Predicate<? super T> accepted) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Object last = null;
    while (true) {
      try {
        T value = read.get();
        if (accepted.test(value)) {
          return value;
        }
        last = value;
      } catch (Exception e) {
        last = e;
      }
      if (System.nanoTime() > deadline) {
        var failure = new AssertionError(what + ": not within " + timeout.toMillis() + " ms; last seen: " + last);
        if (last instanceof Exception e) {
          failure.initCause(e);
        }
        throw failure;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(what + ": interrupted", e);
      }
    }
  }
}
