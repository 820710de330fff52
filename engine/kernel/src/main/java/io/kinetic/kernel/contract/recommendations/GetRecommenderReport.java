package io.kinetic.kernel.contract.recommendations;

/**
 * Staff (role admin): the recommender's offline evaluation (hit rate@10 per model on the newest
 * {@code holdoutPercent} of sessions, catalogue coverage), its serving latency and the
 * click-through per model over the last {@code days} (1 to 90). Reply {@link RecommenderReport}.
 */
public record GetRecommenderReport(int days, int holdoutPercent) {
}
