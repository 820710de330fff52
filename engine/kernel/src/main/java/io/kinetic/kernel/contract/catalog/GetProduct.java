package io.kinetic.kernel.contract.catalog;

import java.util.UUID;

/** Reply: {@link ProductView}. Fails {@code PRODUCT_NOT_FOUND} when missing or, unless staff, unpublished. */
public record GetProduct(UUID id, String locale, boolean includeUnpublished) {
}
