package io.kinetic.kernel.contract.checkout;

/**
 * Staff: changes the shop-wide settings (null keeps a value). Applies to quotes and orders placed
 * from now on; placed orders keep their figures. Reply {@link CheckoutSettings}. Fails {@code VALIDATION_FAILED}.
 */
public record SaveCheckoutSettings(Boolean pricesIncludeTax, String defaultCountry) {
}
