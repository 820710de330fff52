package io.kinetic.kernel.contract.catalog;

import java.util.List;
import java.util.UUID;

/**
 * A page of {@link ExportProducts}. {@code logPosition} is the catalog log's head read before the
 * page: the page reflects every event up to it. A rebuilding consumer keeps the first page's
 * position, pages through to {@code next == null}, then consumes the log after that position,
 * skipping events whose version is not newer than what it exported.
 */
public record ProductExport(List<Product> items, UUID next, long logPosition) {
}
