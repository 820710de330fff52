package io.kinetic.kernel.contract.recommendations;

import java.time.Instant;

/**
 * What the admin sets for the recommender, on every node: the A/B split (the share of sessions in
 * arm b) and, per arm, the model each situation asks first in its fallback cascade. {@code version}
 * counts the changes (0: never changed, the configuration's defaults); {@code updatedBy} is the
 * actor of the last change.
 */
public record RecommenderSettings(int abSplitPercent, Arms arms, long version, Instant updatedAt, String updatedBy) {

  /** The two arms' model choices. */
  public record Arms(ArmModels a, ArmModels b) {
  }

  /**
   * The first model of each situation's cascade: {@code home} (for you), {@code category} and
   * {@code cart} (complements) take co-occurrence, ease, content, trending or popularity;
   * {@code product} (the similar row) co-occurrence, ease or content. "Bought together" is always
   * co-occurrence.
   */
  public record ArmModels(String home, String product, String category, String cart) {
  }
}
