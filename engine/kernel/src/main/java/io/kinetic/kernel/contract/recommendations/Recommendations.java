package io.kinetic.kernel.contract.recommendations;

import java.util.List;

/**
 * The rows of recommendations for a situation (a product page has two: similar and bought
 * together), and the A/B {@code arm} ({@code a} or {@code b}) the session is in: the storefront
 * sends it back with the shown and clicked events.
 */
public record Recommendations(Situation situation, String arm, List<RecommendationRow> rows) {
}
