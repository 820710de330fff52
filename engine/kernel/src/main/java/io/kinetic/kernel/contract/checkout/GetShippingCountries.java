package io.kinetic.kernel.contract.checkout;

/**
 * The countries the shop ships to (a storefront's country list for the shipping address). Reply
 * {@link ShippingCountries}. {@code currency}: only those with an active method priced in it (the
 * cart's: a country whose methods have no price in it gets no shipping option); null: in any currency.
 */
public record GetShippingCountries(String currency) {

  /** The countries the shop ships to in any currency. */
  public GetShippingCountries() {
    this(null);
  }
}
