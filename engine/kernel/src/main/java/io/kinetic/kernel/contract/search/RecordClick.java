package io.kinetic.kernel.contract.search;

import java.util.UUID;

/** A shopper opened {@code productId}, at {@code position} (1-based) of the search {@code searchId}'s results. */
public record RecordClick(UUID searchId, UUID productId, int position) {
}
