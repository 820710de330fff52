package io.kinetic.kernel.contract.catalog;

import java.util.UUID;

/** Reply: the {@link Product}. Fails {@code SKU_TAKEN}, {@code PRODUCT_NOT_FOUND}, {@code VALIDATION_FAILED}. */
public record AddVariant(UUID productId, VariantInput variant) {
}
