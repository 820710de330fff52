package io.kinetic.kernel.contract.checkout;

/** Staff: sets (creates or replaces) a rate. Reply {@link CheckoutSettings}. Fails {@code VALIDATION_FAILED}. */
public record SaveTaxRate(TaxRate rate) {
}
