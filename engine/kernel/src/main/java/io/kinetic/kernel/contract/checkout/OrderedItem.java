package io.kinetic.kernel.contract.checkout;

import io.kinetic.kernel.money.Money;
import java.util.UUID;

/** A line of a placed order, as events carry it: enough for stock, analytics and recommendations. */
public record OrderedItem(UUID variantId, UUID productId, String sku, int quantity, Money gross) {
}
