package io.kinetic.kernel.contract.catalog;

import java.util.UUID;

/**
 * Replaces a product (variants matched by SKU: kept ones keep their id). Reply: {@link Product}.
 * Fails {@code VERSION_CONFLICT} when {@code version} is not the current one.
 */
public record UpdateProduct(UUID id, long version, ProductInput input) {
}
