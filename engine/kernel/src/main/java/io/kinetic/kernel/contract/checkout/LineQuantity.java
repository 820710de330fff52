package io.kinetic.kernel.contract.checkout;

import java.util.UUID;

/** Units of one of an order's lines (by its variant), in a fulfilment, a refund or a return request. */
public record LineQuantity(UUID variantId, int quantity) {
}
