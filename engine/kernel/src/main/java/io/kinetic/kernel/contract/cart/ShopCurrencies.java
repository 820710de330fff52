package io.kinetic.kernel.contract.cart;

import java.util.List;

/**
 * The currencies carts sell in ({@code cart.currencies}, in the configuration's order) and the one a
 * new cart starts in; with the most units of one variant a cart line holds ({@code cart.maxLineQuantity}),
 * so a storefront that asks for the currencies at page start also knows its quantity pickers' limit.
 */
public record ShopCurrencies(List<String> currencies, String defaultCurrency, int maxLineQuantity) {
}
