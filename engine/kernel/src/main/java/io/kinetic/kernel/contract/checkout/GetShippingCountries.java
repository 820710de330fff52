package io.kinetic.kernel.contract.checkout;

/** The countries the shop ships to (a storefront's country list for the shipping address). Reply {@link ShippingCountries}. */
public record GetShippingCountries() {
}
