package io.kinetic.kernel.contract.recommendations;

import java.time.Instant;
import java.util.List;

/**
 * The recommender's figures: per model its offline evaluation ({@code models}), per model its
 * online click-through ({@code clicks}), the serving latency of this node, and how much data the
 * evaluation saw ({@code sessions} in total, {@code heldOut} of them tested).
 */
public record RecommenderReport(Instant computedAt, int sessions, int heldOut, int products, List<ModelEvaluation> models,
                                List<ModelClicks> clicks, Latency latency) {

  /** Hit rate@10: the share of held-out next items found in the model's top 10; coverage: distinct products recommended / products. */
  public record ModelEvaluation(String model, double hitRateAt10, double coverage, int cases) {
  }

  /** Per model and A/B arm ({@code arm} null for events sent without one). */
  public record ModelClicks(String model, String arm, long shown, long clicked, double clickThrough) {
  }

  /** Milliseconds, over the last {@code count} recommendations served on this node. */
  public record Latency(long count, double p50Millis, double p99Millis) {
  }
}
