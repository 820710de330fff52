package io.kinetic.recommendations;

import io.kinetic.kernel.contract.recommendations.RecommenderSettings;
import io.kinetic.kernel.contract.recommendations.RecommenderSettings.ArmModels;
import io.kinetic.kernel.contract.recommendations.RecommenderSettings.Arms;
import io.kinetic.kernel.contract.recommendations.SetRecommenderSettings;
import io.kinetic.kernel.error.FieldError;
import io.kinetic.kernel.error.Failure;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The models a situation's cascade may start with, the defaults (before an admin changed anything)
 * and the check of an admin's change. The personal models follow the first in {@link #PERSONAL}'s
 * order; trending, popularity and the catalogue always close a cascade.
 */
final class ModelChoices {

  static final String CO_OCCURRENCE = "co-occurrence";
  static final String CONTENT = "content";
  static final String EASE = "ease";
  static final String TRENDING = "trending";
  static final String POPULARITY = "popularity";

  /** The models around the session's (or cart's, or product's) products, in their default order. */
  static final List<String> PERSONAL = List.of(CO_OCCURRENCE, EASE, CONTENT);
  /** What home, category and cart may start with. */
  static final Set<String> FIRST = Set.of(CO_OCCURRENCE, CONTENT, EASE, TRENDING, POPULARITY);
  /** What the product page's similar row may start with (it is about the product). */
  static final Set<String> SIMILAR_FIRST = Set.copyOf(PERSONAL);

  /**
   * Arm a: co-occurrence first (learned within seconds; the product page: content); arm b: EASE
   * first (better offline, retrained every few minutes: co-occurrence covers what is newer).
   */
  static final ArmModels DEFAULT_A = new ArmModels(CO_OCCURRENCE, CONTENT, CO_OCCURRENCE, CO_OCCURRENCE);
  static final ArmModels DEFAULT_B = new ArmModels(EASE, CONTENT, EASE, EASE);

  private ModelChoices() {
  }

  /** The configuration's split with the default arms, version 0. */
  static RecommenderSettings defaults(int abSplitPercent) {
    return new RecommenderSettings(abSplitPercent, new Arms(DEFAULT_A, DEFAULT_B), 0, null, null);
  }

  static void check(SetRecommenderSettings q) {
    var errors = new ArrayList<FieldError>();
    if (q.abSplitPercent() == null || q.abSplitPercent() < 0 || q.abSplitPercent() > 100) {
      errors.add(new FieldError("abSplitPercent", "must be 0 to 100"));
    }
    if (q.arms() == null) {
      errors.add(new FieldError("arms", "are required: a and b"));
    } else {
      check(q.arms().a(), "arms.a", errors);
      check(q.arms().b(), "arms.b", errors);
    }
    if (!errors.isEmpty()) {
      throw Failure.invalid(errors);
    }
  }

  private static void check(ArmModels arm, String at, List<FieldError> errors) {
    if (arm == null) {
      errors.add(new FieldError(at, "is required"));
      return;
    }
    first(arm.home(), FIRST, at + ".home", errors);
    first(arm.product(), SIMILAR_FIRST, at + ".product", errors);
    first(arm.category(), FIRST, at + ".category", errors);
    first(arm.cart(), FIRST, at + ".cart", errors);
  }

  private static void first(String model, Set<String> allowed, String field, List<FieldError> errors) {
    if (model == null || !allowed.contains(model)) {
      errors.add(new FieldError(field, "must be one of " + String.join(", ", allowed.stream().sorted().toList())));
    }
  }
}
