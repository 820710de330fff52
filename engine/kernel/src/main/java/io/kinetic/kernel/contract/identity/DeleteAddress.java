package io.kinetic.kernel.contract.identity;

import java.util.UUID;

/** Removes an address from the customer's book. Reply: {@code Deleted}. Fails {@code ADDRESS_NOT_FOUND}. */
public record DeleteAddress(UUID customerId, UUID addressId) {
}
