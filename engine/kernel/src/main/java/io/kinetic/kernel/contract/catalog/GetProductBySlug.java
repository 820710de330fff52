package io.kinetic.kernel.contract.catalog;

/** Reply: {@link ProductView}. Fails {@code PRODUCT_NOT_FOUND} when missing or, unless staff, unpublished. */
public record GetProductBySlug(String slug, String locale, boolean includeUnpublished) {
}
