package io.kinetic.kernel.contract.catalog;

import java.util.UUID;

/** Reply: {@link io.kinetic.kernel.contract.Deleted}. Fails {@code CATEGORY_NOT_EMPTY} when it has children or products. */
public record DeleteCategory(UUID id) {
}
