package io.kinetic.kernel.contract.catalog;

import java.util.UUID;

/** Reply: {@link Product} with all translations, whatever its status. Fails {@code PRODUCT_NOT_FOUND}. */
public record GetAdminProduct(UUID id) {
}
