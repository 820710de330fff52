package io.kinetic.kernel.contract.checkout;

import java.time.Instant;
import java.util.UUID;

/** A line of the cart an order took: its variant, the units ordered and when the line was added to the cart. */
public record OrderedCartLine(UUID variantId, int quantity, Instant addedAt) {
}
