package io.kinetic.kernel.contract.identity;

/**
 * An address as a customer enters it. Required: name, line1, city, country (ISO 3166-1 alpha-2), and
 * postalCode where the country has postal codes ({@code PostalCodes}). {@code defaultShipping}/{@code defaultBilling}: true makes it the default (the previous
 * default stops being one); null keeps what it was (a new address: it becomes the default when the
 * book has none, e.g. the book's first address).
 */
public record AddressInput(String name, String company, String line1, String line2, String postalCode, String city,
                           String region, String country, String phone, Boolean defaultShipping, Boolean defaultBilling) {
}
