package io.kinetic.kernel.contract.catalog;

import java.util.List;
import java.util.UUID;

/**
 * Returned units go back on sale: added to stock on hand (a variant deleted since is skipped).
 * Idempotent per {@code returnId}. Emits {@code StockChanged}. Reply {@link StockAllocation} (the
 * lines restocked now, empty for a repeat).
 */
public record RestockReturn(UUID orderId, UUID returnId, List<StockLine> lines) {
}
