package io.kinetic.kernel.contract.checkout;

import java.util.Map;
import java.util.UUID;

/**
 * A way to ship within a zone: its price per currency in minor units (not offered in a currency it
 * has no price in), optionally free from an items total per currency, and the delivery estimate in
 * working days. {@code active} false: kept but not offered (null, in a request: true).
 */
public record ShippingMethod(UUID id, String name, Map<String, Long> prices, Map<String, Long> freeAbove, int minDays,
                             int maxDays, Boolean active) {
}
