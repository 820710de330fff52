package io.kinetic.kernel.contract.checkout;

import java.util.UUID;

/** Staff: removes a zone and its methods. Reply {@link CheckoutSettings}. Fails {@code SHIPPING_ZONE_NOT_FOUND}. */
public record DeleteShippingZone(UUID id) {
}
