package io.kinetic.kernel.contract.identity;

import java.util.UUID;

/** Reply: {@link AddressBook}, the customer's addresses. */
public record ListAddresses(UUID customerId) {
}
