package io.kinetic.kernel.contract.checkout;

import java.util.UUID;

/** A quantity of one line of an order, as fulfilment and return events carry it. */
public record ItemLine(UUID variantId, UUID productId, String sku, String name, int quantity) {
}
