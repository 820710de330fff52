package io.kinetic.kernel.contract.identity;

import java.time.Instant;
import java.util.UUID;

/**
 * An address in a customer's address book. {@code country} is an ISO 3166-1 alpha-2 code; at most
 * one address of the book is the default for shipping, and at most one for billing.
 */
public record Address(UUID id, String name, String company, String line1, String line2, String postalCode, String city,
                      String region, String country, String phone, boolean defaultShipping, boolean defaultBilling,
                      Instant updatedAt) {
}
