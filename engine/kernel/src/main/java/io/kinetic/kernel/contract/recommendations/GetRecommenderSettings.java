package io.kinetic.kernel.contract.recommendations;

/** Staff (role admin): the recommender's settings. Reply {@link RecommenderSettings}. */
public record GetRecommenderSettings() {
}
