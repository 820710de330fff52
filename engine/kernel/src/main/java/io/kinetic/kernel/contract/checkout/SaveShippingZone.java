package io.kinetic.kernel.contract.checkout;

import java.util.UUID;

/**
 * Staff: creates ({@code id} null) or replaces a zone with its methods. Reply
 * {@link CheckoutSettings}. Fails {@code VALIDATION_FAILED} (also for a country already in another
 * zone), {@code SHIPPING_ZONE_NOT_FOUND}.
 */
public record SaveShippingZone(UUID id, ShippingZoneInput zone) {
}
