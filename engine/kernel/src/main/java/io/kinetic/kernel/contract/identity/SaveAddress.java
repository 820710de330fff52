package io.kinetic.kernel.contract.identity;

import java.util.UUID;

/**
 * Adds an address to the customer's book ({@code addressId} null) or replaces one of theirs.
 * Reply: the saved {@link Address}. Fails {@code VALIDATION_FAILED} (per field),
 * {@code ADDRESS_NOT_FOUND} (no such address in this customer's book) and {@code ADDRESS_BOOK_FULL}.
 */
public record SaveAddress(UUID customerId, UUID addressId, AddressInput address) {
}
