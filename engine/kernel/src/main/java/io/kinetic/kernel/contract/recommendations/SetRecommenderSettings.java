package io.kinetic.kernel.contract.recommendations;

/**
 * Staff (role admin): replaces the recommender's settings (stored in PostgreSQL, applied on every
 * node within seconds). Reply {@link RecommenderSettings} as stored. Fails {@code VALIDATION_FAILED}
 * naming {@code abSplitPercent} (0 to 100) or {@code arms.a.home}, ... (a model the situation
 * cannot start with).
 */
public record SetRecommenderSettings(Integer abSplitPercent, RecommenderSettings.Arms arms) {
}
