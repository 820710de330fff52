package io.kinetic.kernel.contract.catalog;

import java.util.UUID;

/** Units of a variant, in a stock allocation. */
public record StockLine(UUID variantId, int quantity) {
}
