package io.kinetic.kernel.contract.checkout;

import io.kinetic.kernel.money.Money;
import java.util.UUID;

/**
 * A shipping method offered for an address: its price for this cart (0 when {@code free}: the items
 * reach the method's threshold) and the delivery estimate in working days.
 */
public record ShippingOption(UUID methodId, String name, Money price, boolean free, Money freeAbove, int minDays,
                             int maxDays) {
}
