package io.kinetic.kernel.contract.checkout;

import java.util.List;

/**
 * The countries (ISO 3166-1 alpha-2) the shop ships to: those of the shipping zones with at least one
 * active method, zone by zone in the settings' order. {@code everywhere}: a rest-of-the-world zone
 * ({@code *}) has an active method, so the shop ships to every country no other zone names;
 * {@code countries} then lists every country it ships to, the rest of the world's alphabetically
 * after the named ones (all 249 codes less those of a zone without an active method). A method
 * priced only in other currencies than the cart's still counts: the quote says {@code NO_SHIPPING}.
 */
public record ShippingCountries(List<String> countries, boolean everywhere) {
}
