package io.kinetic.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Shared by all load workers. Only responses that complete inside [windowStart, windowEnd) count:
 * warm-up and the drain after the window are ignored. Latency and rps cover 2xx responses only;
 * non-2xx responses and exceptions are counted as errors so a failing server cannot look fast.
 * Reads and writes ({@code @write} lines) are measured apart as well as together. The timeline
 * counts 2xx responses per second from the start of the warm-up, to show when the server is warm.
 */
final class Measurement {

  /** One group of requests: all, reads or writes. */
  private static final class Series {
    final Recorder recorder = new Recorder(3);
    final LongAdder ok = new LongAdder();
    final LongAdder errors = new LongAdder();
  }

  private final Series all = new Series();
  private final Series reads = new Series();
  private final Series writes = new Series();
  private final long loadStart;
  private final long windowStart;
  private final long windowEnd;
  private final AtomicLongArray perSecond;
  private volatile boolean stopped;

  Measurement(long windowStartNanos, long windowEndNanos, long warmupNanos) {
    this.windowStart = windowStartNanos;
    this.windowEnd = windowEndNanos;
    this.loadStart = windowStartNanos - warmupNanos;
    this.perSecond = new AtomicLongArray((int) ((windowEndNanos - loadStart + 999_999_999L) / 1_000_000_000L));
  }

  void success(long startNanos, boolean write) {
    long now = System.nanoTime();
    int second = (int) ((now - loadStart) / 1_000_000_000L);
    if (second >= 0 && second < perSecond.length()) {
      perSecond.incrementAndGet(second);
    }
    if (inWindow(now)) {
      long micros = Math.max(1, (now - startNanos) / 1_000);
      record(all, micros);
      record(write ? writes : reads, micros);
    }
  }

  void error(boolean write) {
    if (inWindow(System.nanoTime())) {
      all.errors.increment();
      (write ? writes : reads).errors.increment();
    }
  }

  private static void record(Series series, long micros) {
    series.ok.increment();
    series.recorder.recordValue(micros);
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

  /** {@code withGroups}: also report reads and writes apart (when the url file has {@code @write} lines). */
  Result result(String name, boolean withGroups) {
    double seconds = (windowEnd - windowStart) / 1e9;
    List<Long> timeline = new ArrayList<>(perSecond.length());
    for (int i = 0; i < perSecond.length(); i++) {
      timeline.add(perSecond.get(i));
    }
    return new Result(name, stats(all, seconds),
        withGroups ? stats(reads, seconds) : null, withGroups ? stats(writes, seconds) : null,
        timeline, (int) Math.round((windowStart - loadStart) / 1e9));
  }

  private static Result.Stats stats(Series series, double seconds) {
    Histogram histogram = series.recorder.getIntervalHistogram();
    long okCount = series.ok.sum();
    long errorCount = series.errors.sum();
    return new Result.Stats(
        okCount / seconds,
        histogram.getValueAtPercentile(50) / 1000.0,
        histogram.getValueAtPercentile(99) / 1000.0,
        histogram.getValueAtPercentile(99.9) / 1000.0,
        histogram.getMaxValue() / 1000.0,
        errorCount,
        okCount + errorCount);
  }
}
