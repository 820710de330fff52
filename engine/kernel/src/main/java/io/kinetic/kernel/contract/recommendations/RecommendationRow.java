package io.kinetic.kernel.contract.recommendations;

import java.util.List;

/**
 * One row: {@code kind} names what it shows ({@code for-you}, {@code trending}, {@code similar},
 * {@code bought-together}, {@code category}, {@code complements}); {@code model} the model that
 * served it, the first of the fallback cascade that had an answer ({@code co-occurrence},
 * {@code content}, {@code personal}, {@code trending}, {@code popularity}; {@code none} for an
 * empty row; {@code bought-together} has no fallbacks: it is empty until orders or sessions link
 * the product). Items are in display order.
 */
public record RecommendationRow(String kind, String model, List<RecommendedProduct> items) {
}
