package io.kinetic.kernel.contract.catalog;

/** Reply: the {@link Product} without the variant. Fails {@code VARIANT_NOT_FOUND}. */
public record RemoveVariant(String sku) {
}
