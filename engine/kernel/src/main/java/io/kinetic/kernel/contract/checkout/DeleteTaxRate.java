package io.kinetic.kernel.contract.checkout;

/** Staff: removes a rate. Reply {@link CheckoutSettings}. Fails {@code TAX_RATE_NOT_FOUND}. */
public record DeleteTaxRate(String country, String taxClass) {
}
