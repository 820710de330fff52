package io.kinetic.kernel.contract.cart;

/** The currencies the shop sells in (a storefront's currency picker, the admin's price fields). Reply {@link ShopCurrencies}. */
public record GetCurrencies() {
}
