package io.kinetic.kernel.contract.catalog;

import java.util.List;
import java.util.UUID;

/**
 * Some units of an order's allocation will never ship (a refund by lines of units not shipped yet):
 * they go back on sale and leave the allocation, so a later shipment cannot take them and a later
 * release does not give them back twice. Idempotent per {@code sourceId} (the refund). Emits
 * {@code StockChanged} per variant. Reply {@link StockAllocation} (the lines released now, empty for
 * a repeat). Fails {@code QUANTITY_EXCEEDS_REMAINING} when the allocation holds fewer unshipped units.
 */
public record ReleaseUnits(UUID orderId, UUID sourceId, List<StockLine> lines) {
}
