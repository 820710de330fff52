package io.kinetic.kernel.contract.catalog;

import io.kinetic.kernel.money.Money;
import java.util.List;
import java.util.Map;

/** A variant as an admin writes it. {@code stockOnHand} null means 0 on create. */
public record VariantInput(String sku, Map<String, String> options, List<Money> prices, Integer stockOnHand) {
}
