package io.kinetic.kernel.contract.checkout;

import io.kinetic.kernel.money.Money;

/**
 * An order's or a quote's sums, all in minor units of its currency: the items, the shipping and
 * the whole, each as net, tax and gross ({@code total} = the amount charged). Each is the sum of
 * the per-line figures (see {@code TaxRule} for the one rounding rule).
 */
public record Totals(Money itemsNet, Money itemsTax, Money itemsGross, Money shippingNet, Money shippingTax,
                     Money shippingGross, Money net, Money tax, Money total) {
}
