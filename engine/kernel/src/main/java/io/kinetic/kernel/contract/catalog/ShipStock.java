package io.kinetic.kernel.contract.catalog;

import java.util.List;
import java.util.UUID;

/**
 * Units of an order's allocation left the warehouse (a shipment): they stay off stock on hand and
 * are no longer given back when the order's stock is released. Idempotent per {@code shipmentId}.
 * Reply {@link StockAllocation} (the lines shipped now, empty for a repeat). Fails
 * {@code QUANTITY_EXCEEDS_REMAINING} when more than the allocation holds unshipped.
 */
public record ShipStock(UUID orderId, UUID shipmentId, List<StockLine> lines) {
}
