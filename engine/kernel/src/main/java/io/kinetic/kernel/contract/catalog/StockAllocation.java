package io.kinetic.kernel.contract.catalog;

import java.util.List;
import java.util.UUID;

/** The units an order holds (or, answering a release, gave back now). */
public record StockAllocation(UUID orderId, List<StockLine> lines) {
}
