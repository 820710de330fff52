package io.kinetic.kernel.contract.recommendations;

import java.util.List;

/** The rows of recommendations for a situation (a product page has two: similar and bought together). */
public record Recommendations(Situation situation, List<RecommendationRow> rows) {
}
