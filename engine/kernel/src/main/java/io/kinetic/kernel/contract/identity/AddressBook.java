package io.kinetic.kernel.contract.identity;

import java.util.List;

/** A customer's addresses: the default shipping address first, then the newest first. */
public record AddressBook(List<Address> items) {
}
