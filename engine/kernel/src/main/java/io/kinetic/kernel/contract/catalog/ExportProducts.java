package io.kinetic.kernel.contract.catalog;

import java.util.UUID;

/**
 * One page of the catalog's current state for a consumer that rebuilds without the whole event
 * history: every product (drafts included) with its version, by id after {@code after} (null for
 * the first page), at most {@code limit} (1 to 500). Reply: {@link ProductExport}.
 */
public record ExportProducts(UUID after, int limit) {
}
