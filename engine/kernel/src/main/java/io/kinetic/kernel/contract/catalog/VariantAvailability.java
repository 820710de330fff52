package io.kinetic.kernel.contract.catalog;

import java.util.UUID;

/**
 * Units of a variant a shopper can still put in a cart: on hand minus what carts hold reserved (0 or
 * more). {@code sequence} orders the figures of one variant: a higher one is newer.
 */
public record VariantAvailability(UUID variantId, int available, long sequence) {
}
