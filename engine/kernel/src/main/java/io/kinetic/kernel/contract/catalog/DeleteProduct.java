package io.kinetic.kernel.contract.catalog;

import java.util.UUID;

/** Reply: {@link io.kinetic.kernel.contract.Deleted}. Fails {@code PRODUCT_NOT_FOUND}. */
public record DeleteProduct(UUID id) {
}
