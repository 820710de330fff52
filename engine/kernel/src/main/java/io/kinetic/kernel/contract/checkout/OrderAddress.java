package io.kinetic.kernel.contract.checkout;

/**
 * A shipping or billing address of a checkout and of the order it becomes (a copy: changing the
 * address book later does not change an order). Required: name, line1, city, country (ISO 3166-1
 * alpha-2), and postalCode where the country has postal codes ({@code PostalCodes}).
 */
public record OrderAddress(String name, String company, String line1, String line2, String postalCode, String city,
                           String region, String country, String phone) {
}
