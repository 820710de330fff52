package io.kinetic.kernel.contract.catalog;

import java.util.List;
import java.util.UUID;

/** Reply to {@link GetVariants}: the variants found, and the requested ids and SKUs that match none. */
public record VariantList(List<VariantSummary> items, List<UUID> missingIds, List<String> missingSkus) {
}
