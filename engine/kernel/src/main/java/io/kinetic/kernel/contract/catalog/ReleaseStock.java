package io.kinetic.kernel.contract.catalog;

import java.util.UUID;

/**
 * Puts an order's allocated units back on the shelf (a cancelled or unpaid order); idempotent: an
 * order without an allocation, or one released already, changes nothing. Emits {@code StockChanged}
 * per variant. Reply {@link StockAllocation} (the lines released now, empty when none).
 */
public record ReleaseStock(UUID orderId) {
}
