package io.kinetic.kernel.money;

import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money in the currency's minor units (cents for EUR), never a floating point number.
 *
 * @param amount   minor units, may be negative for refunds and discounts
 * @param currency ISO 4217 code, upper case
 * @throws IllegalArgumentException when the currency is not an ISO 4217 code
 */
public record Money(long amount, String currency) {

  public Money {
    Objects.requireNonNull(currency, "currency");
    if (!isCurrency(currency)) {
      throw new IllegalArgumentException("not an ISO 4217 currency: " + currency);
    }
  }

  public static Money of(long amount, String currency) {
    return new Money(amount, currency);
  }

  public static Money zero(String currency) {
    return new Money(0, currency);
  }

  /** True when {@code code} is a three-letter upper-case ISO 4217 code known to the JDK. */
  public static boolean isCurrency(String code) {
    // every amount is checked: a set lookup, not a stream and a Currency lookup per Money
    return code != null && code.length() == 3 && CODES.contains(code);
  }

  /** The JDK's ISO 4217 codes (three upper-case letters each). */
  private static final java.util.Set<String> CODES = Currency.getAvailableCurrencies().stream()
    .map(Currency::getCurrencyCode)
    .filter(c -> c.length() == 3 && c.chars().allMatch(ch -> ch >= 'A' && ch <= 'Z'))
    .collect(java.util.stream.Collectors.toUnmodifiableSet());

  public Money plus(Money other) {
    requireSameCurrency(other);
    return new Money(Math.addExact(amount, other.amount), currency);
  }

  public Money minus(Money other) {
    requireSameCurrency(other);
    return new Money(Math.subtractExact(amount, other.amount), currency);
  }

  public Money times(long quantity) {
    return new Money(Math.multiplyExact(amount, quantity), currency);
  }

  public boolean isNegative() {
    return amount < 0;
  }

  private void requireSameCurrency(Money other) {
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException("currency mismatch: " + currency + " vs " + other.currency);
    }
  }
}
