package io.kinetic.kernel.contract.checkout;

/** What the storefront needs to take payments. Reply {@link PaymentConfig}. */
public record GetPaymentConfig() {
}
