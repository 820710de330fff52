package io.kinetic.kernel.contract.checkout;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Countries (ISO 3166-1 alpha-2) shipped to alike, with their methods. A country is in at most one
 * zone; {@code *} makes a zone the rest of the world.
 */
public record ShippingZone(UUID id, String name, List<String> countries, List<ShippingMethod> methods,
                           Instant updatedAt) {
}
