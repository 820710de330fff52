package io.kinetic.kernel.contract.catalog;

/** Sets stock on hand (0 or more). Reply: the {@link Product}. Emits {@code StockChanged}. */
public record SetStock(String sku, int onHand) {
}
