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
    // every amount is checked (a cart answer makes dozens): a table lookup, no hashing of a new string
    if (code == null || code.length() != 3) {
      return false;
    }
    int index = index(code);
    return index >= 0 && CODES[index];
  }

  /** The JDK's ISO 4217 codes (three upper-case letters each), by {@link #index}. */
  private static final boolean[] CODES = new boolean[26 * 26 * 26];

  static {
    for (Currency c : Currency.getAvailableCurrencies()) {
      String code = c.getCurrencyCode();
      if (code.length() == 3 && index(code) >= 0) {
        CODES[index(code)] = true;
      }
    }
  }

  /** A three-character code's place among all codes of three upper-case letters, or -1. */
  private static int index(String code) {
    int index = 0;
    for (int i = 0; i < 3; i++) {
      int letter = code.charAt(i) - 'A';
      if (letter < 0 || letter >= 26) {
        return -1;
      }
      index = index * 26 + letter;
    }
    return index;
  }

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
