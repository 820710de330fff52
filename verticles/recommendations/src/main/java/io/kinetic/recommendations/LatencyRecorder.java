package io.kinetic.recommendations;

import io.kinetic.kernel.contract.recommendations.RecommenderReport;
import java.util.Arrays;

/** The serving time of the last {@value #SIZE} recommendations on this node, for p50/p99. */
final class LatencyRecorder {

  private static final int SIZE = 10_000;
  private final long[] nanos = new long[SIZE];
  private long count;

  void record(long elapsedNanos) {
    nanos[(int) (count++ % SIZE)] = elapsedNanos;
  }

  RecommenderReport.Latency summary() {
    int n = (int) Math.min(count, SIZE);
    if (n == 0) {
      return new RecommenderReport.Latency(0, 0, 0);
    }
    long[] sorted = Arrays.copyOf(nanos, n);
    Arrays.sort(sorted);
    return new RecommenderReport.Latency(count, sorted[(int) (n * 0.50)] / 1e6, sorted[Math.min(n - 1, (int) (n * 0.99))] / 1e6);
  }
}
