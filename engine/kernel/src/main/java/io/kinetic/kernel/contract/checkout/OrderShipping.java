package io.kinetic.kernel.contract.checkout;

import io.kinetic.kernel.money.Money;
import java.util.UUID;

/** The shipping method of an order, as it was chosen, with its cost as net, tax and gross. */
public record OrderShipping(UUID methodId, String name, Money net, Money tax, Money gross, int taxRate, int minDays,
                            int maxDays) {
}
