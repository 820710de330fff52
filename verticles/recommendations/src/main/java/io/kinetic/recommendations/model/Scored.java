package io.kinetic.recommendations.model;

import java.util.UUID;

/** A candidate product with a model's score for it (higher is better). */
public record Scored(UUID productId, double score) {
}
