package io.kinetic.kernel.contract.catalog;

import io.kinetic.kernel.money.Money;

/** Sets the variant's price in {@code price.currency()}. Reply: the {@link Product}. Emits {@code PriceChanged}. */
public record SetPrice(String sku, Money price) {
}
