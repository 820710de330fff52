package io.kinetic.kernel.contract.catalog;

import java.util.List;
import java.util.UUID;

/**
 * Takes the units of an order off the variants' stock on hand, all or none, in one PostgreSQL
 * transaction: a variant's stock never goes below zero (its check constraint), so no interleaving
 * of orders, on any number of nodes, allocates more than there is. Idempotent per order: asking
 * again for an order that holds its allocation changes nothing; for an order whose allocation was
 * released, it takes the units again (a payment that arrived late). At most 100 lines, quantities
 * 1 or more, each variant once. Emits {@code StockChanged} per variant. Reply
 * {@link StockAllocation}. Fails {@code VERSION_CONFLICT} (the order holds an allocation of other lines),
 * {@code OUT_OF_STOCK} (its field errors name each short variant by
 * id, with the units there are), {@code VARIANT_NOT_FOUND}, {@code VALIDATION_FAILED}.
 */
public record AllocateStock(UUID orderId, List<StockLine> lines) {
}
