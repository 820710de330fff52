package io.kinetic.bench;

import java.util.List;

/**
 * When a run reached its steady throughput, from its per-second timeline: the first second from
 * which every 3-second moving average stays at or above 85 % of the mean of the last third of the
 * run. A heuristic, to tell a warm-up that was long enough (steady before the window opened) from
 * one that was not (the measured figures still include JIT compilation and cold caches).
 */
final class SteadyState {

  static final double SHARE = 0.85;
  private static final int SMOOTH = 3;

  private SteadyState() {
  }

  /** Seconds from the start of the load, or -1 when the timeline is too short to tell. */
  static int after(List<Long> timeline) {
    // the last second is usually cut short by the end of the window
    int n = timeline.size() - 1;
    if (n < SMOOTH * 3) {
      return -1;
    }
    double tail = 0;
    int from = n - n / 3;
    for (int i = from; i < n; i++) {
      tail += timeline.get(i);
    }
    double threshold = SHARE * tail / (n - from);
    int steady = n - SMOOTH;
    for (int start = n - SMOOTH; start >= 0; start--) {
      double sum = 0;
      for (int i = start; i < start + SMOOTH; i++) {
        sum += timeline.get(i);
      }
      if (sum / SMOOTH < threshold) {
        break;
      }
      steady = start;
    }
    return steady;
  }
}
