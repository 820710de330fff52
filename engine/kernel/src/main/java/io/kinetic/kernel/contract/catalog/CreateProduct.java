package io.kinetic.kernel.contract.catalog;

/** Reply: the created {@link Product}. Fails {@code VALIDATION_FAILED}, {@code SLUG_TAKEN}, {@code SKU_TAKEN}. */
public record CreateProduct(ProductInput input) {
}
