package io.kinetic.kernel.contract.checkout;

import java.util.List;

/**
 * How the shop charges: whether catalogue prices include tax, the country assumed before the
 * shopper gives an address, the VAT rates and the shipping zones. {@code version} grows with every change.
 */
public record CheckoutSettings(boolean pricesIncludeTax, String defaultCountry, List<TaxRate> taxRates,
                               List<ShippingZone> zones, long version) {
}
