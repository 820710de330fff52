package io.kinetic.kernel.contract.checkout;

import java.util.List;
import java.util.UUID;

/**
 * A cart priced for checkout now. {@code country}: whose tax applies (the shipping address's, else
 * the shop's default). {@code shipping}: the chosen (or cheapest) option, null when none is offered
 * for the country. {@code problems}: why the cart cannot be ordered as it is (empty when it can):
 * {@code CART_EMPTY}, {@code PRICE_CHANGED}, {@code UNAVAILABLE}, {@code INSUFFICIENT_STOCK},
 * {@code NO_SHIPPING}, {@code TOTAL_TOO_LARGE} (more than {@code checkout.maxOrderTotal}). With nothing
 * that can be ordered no shipping is chosen and every total is 0.
 */
public record CheckoutQuote(UUID cartId, String currency, String country, boolean pricesIncludeTax,
                            List<PricedLine> lines, List<ShippingOption> shippingOptions, ShippingOption shipping,
                            Totals totals, List<String> problems, long cartVersion) {
}
