package io.kinetic.kernel.contract.identity;

import java.util.UUID;

/** Reply: {@link CustomerView}. Fails {@code NOT_FOUND}. */
public record GetCustomer(UUID id) {
}
