package io.kinetic.kernel.contract.catalog;

import java.util.UUID;

/**
 * Units of a variant a shopper can still put in a cart: on hand minus what carts hold reserved (0 or
 * more). {@code sequence} orders the figures of one variant: a higher one is newer. {@code reserved}
 * is the carts' reserved total the figure was computed with (null when not said), so that a cache
 * holding a newer stock on hand can compute available itself.
 */
public record VariantAvailability(UUID variantId, int available, long sequence, Integer reserved) {
}
