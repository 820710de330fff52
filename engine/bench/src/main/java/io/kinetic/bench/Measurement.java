package io.kinetic.bench;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Shared by all load workers. Only responses that complete inside [windowStart, windowEnd) count:
 * warm-up and the drain after the window are ignored. Latency and rps cover 2xx responses only;
 * non-2xx responses and exceptions are counted as errors so a failing server cannot look fast.
 */
final class Measurement {

  private final Recorder recorder = new Recorder(3);
  private final LongAdder ok = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final long windowStart;
  private final long windowEnd;
  private volatile boolean stopped;

  Measurement(long windowStartNanos, long windowEndNanos) {
    this.windowStart = windowStartNanos;
    this.windowEnd = windowEndNanos;
  }

  void success(long startNanos) {
    long now = System.nanoTime();
    if (inWindow(now)) {
      ok.increment();
      recorder.recordValue(Math.max(1, (now - startNanos) / 1_000));
    }
  }

  void error() {
    if (inWindow(System.nanoTime())) {
      errors.increment();
    }
  }

  private boolean inWindow(long now) {
    return now >= windowStart && now < windowEnd;
  }

  boolean stopped() {
    return stopped || System.nanoTime() >= windowEnd;
  }

  void stop() {
    stopped = true;
  }

  Result result(String name) {
    Histogram histogram = recorder.getIntervalHistogram();
    double seconds = (windowEnd - windowStart) / 1e9;
    long okCount = ok.sum();
    long errorCount = errors.sum();
    return new Result(
        name,
        okCount / seconds,
        histogram.getValueAtPercentile(50) / 1000.0,
        histogram.getValueAtPercentile(99) / 1000.0,
        histogram.getValueAtPercentile(99.9) / 1000.0,
        histogram.getMaxValue() / 1000.0,
        errorCount,
        okCount + errorCount);
  }
}
