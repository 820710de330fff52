package io.kinetic.kernel.contract.cart;

import java.util.List;

/** The currencies carts sell in ({@code cart.currencies}, in the configuration's order) and the one a new cart starts in. */
public record ShopCurrencies(List<String> currencies, String defaultCurrency) {
}
