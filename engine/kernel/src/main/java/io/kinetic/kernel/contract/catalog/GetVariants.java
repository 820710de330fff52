package io.kinetic.kernel.contract.catalog;

import java.util.List;
import java.util.UUID;

/**
 * Variants by id and/or SKU (found whatever its case), for the cart and checkout: one request for
 * all the lines of a cart. At most 100 ids and SKUs together; {@code currency} null means the
 * catalog's default currency; {@code locale} picks the product name. Reply: {@link VariantList}, in request order, with the ids
 * and SKUs that match no variant listed apart. Fails {@code VALIDATION_FAILED}.
 */
public record GetVariants(List<UUID> ids, List<String> skus, String currency, String locale) {
}
