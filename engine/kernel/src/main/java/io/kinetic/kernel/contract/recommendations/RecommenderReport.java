package io.kinetic.kernel.contract.recommendations;

import java.time.Instant;
import java.util.List;

/**
 * The recommender's figures: per model its offline evaluation ({@code models}); per model and A/B
 * arm its online figures from what the storefront showed ({@code online}); the serving latency of
 * the node that answered ({@code latency}); and how much data the evaluation saw ({@code sessions}
 * in total, {@code heldOut} of them tested, {@code products} published).
 */
public record RecommenderReport(Instant computedAt, int sessions, int heldOut, int products, List<ModelEvaluation> models,
                                List<OnlineFigures> online, Latency latency) {

  /** Hit rate@10: the share of held-out next items found in the model's top 10; coverage: distinct products recommended / products. */
  public record ModelEvaluation(String model, double hitRateAt10, double coverage, int cases) {
  }

  /**
   * Per model and A/B arm ({@code arm} null for events sent without one), from the stored
   * recommendation events and order lines: {@code rows} shown (a row: one session's shown events of
   * one model and arm sent together; its top 10 count), of which {@code rowsClicked} had one of
   * their products clicked in the session afterwards and {@code rowsBought} bought by the session's
   * customer within a day ({@code hitRateAt10}: clicked or bought / rows); {@code shown} and
   * {@code clicked} items ({@code clickThrough}); {@code productsShown} distinct products shown
   * ({@code coverage}: of the published products); {@code latency}: the serving time of the
   * requests a row of this model and arm answered, on the node that answered the report.
   */
  public record OnlineFigures(String model, String arm, long rows, long rowsClicked, long rowsBought, double hitRateAt10,
                              long shown, long clicked, double clickThrough, long productsShown, double coverage,
                              Latency latency) {
  }

  /** Milliseconds, over the last {@code count} recommendations served on one node (at most the last 10,000). */
  public record Latency(long count, double p50Millis, double p99Millis) {
  }
}
