package io.kinetic.kernel.contract.checkout;

import java.util.List;

/** A zone as staff write it, with all its methods (a method's {@code id} null: a new one). */
public record ShippingZoneInput(String name, List<String> countries, List<ShippingMethod> methods) {
}
