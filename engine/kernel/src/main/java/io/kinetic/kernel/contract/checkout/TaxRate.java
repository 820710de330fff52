package io.kinetic.kernel.contract.checkout;

/**
 * The VAT rate of a tax class in a country, in basis points (1900 = 19 %). Every product is of
 * class {@code standard} until the catalog has classes; a country without a rate is taxed at 0.
 */
public record TaxRate(String country, String taxClass, int rate) {
}
