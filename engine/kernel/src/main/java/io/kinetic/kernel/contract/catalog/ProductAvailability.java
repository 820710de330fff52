package io.kinetic.kernel.contract.catalog;

import java.util.List;
import java.util.UUID;

/**
 * What shoppers can still buy of one product's variants, in an {@link AvailabilitiesChanged}:
 * {@code version} is the product's version, unchanged by reservations.
 */
public record ProductAvailability(UUID productId, List<VariantAvailability> variants, long version) {
}
