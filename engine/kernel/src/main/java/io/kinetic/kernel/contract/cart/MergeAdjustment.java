package io.kinetic.kernel.contract.cart;

import java.util.UUID;

/**
 * A line of a merge that did not get all it asked for: {@code requested} units (the two carts'
 * quantities added), {@code granted} units, because of {@code reason} ({@code LINE_MAXIMUM} or {@code STOCK}).
 */
public record MergeAdjustment(UUID variantId, int requested, int granted, String reason) {
}
