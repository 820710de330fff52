package io.kinetic.kernel.contract.cart;

import java.util.UUID;

/**
 * How many units of a variant carts hold reserved now; {@code sequence} grows with every change of
 * it (also across a Redis restart), so a consumer keeps the level with the highest sequence. A level
 * whose sequence is not above a {@link ReservedStockReset}'s is older than that reset.
 */
public record ReservedLevel(UUID variantId, int reserved, long sequence) {
}
