package io.kinetic.kernel.contract.checkout;

/** Reply {@link CheckoutSettings}. */
public record GetCheckoutSettings() {
}
