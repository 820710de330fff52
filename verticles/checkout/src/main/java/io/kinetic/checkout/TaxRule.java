package io.kinetic.checkout;

/**
 * The one rounding rule of the engine's tax: tax is computed per line (a line's units together,
 * and the shipping as one line) from the line's amount, rounded half up to the minor unit, and
 * every total is the sum of its lines' figures.
 * <ul>
 *   <li>prices include tax: gross = amount, tax = round(gross × r / (1 + r)), net = gross − tax;</li>
 *   <li>prices exclude tax: net = amount, tax = round(net × r), gross = net + tax.</li>
 * </ul>
 * Rates are in basis points (1900 = 19 %); the arithmetic is exact (integers only).
 */
final class TaxRule {

  private TaxRule() {
  }

  record Split(long net, long tax, long gross) {
  }

  static Split split(long amount, int rate, boolean pricesIncludeTax) {
    if (amount < 0 || rate < 0) {
      throw new IllegalArgumentException("amount and rate must not be negative");
    }
    if (pricesIncludeTax) {
      long tax = scaled(amount, rate, 10_000L + rate);
      return new Split(amount - tax, tax, amount);
    }
    long tax = scaled(amount, rate, 10_000L);
    return new Split(amount, tax, Math.addExact(amount, tax));
  }

  /**
   * amount × rate / divisor rounded half up, exact even where amount × rate passes a long (a line of
   * the largest price times the largest quantity, at a rate of 100 %): the result is at most
   * amount × rate / 10000, so it fits whenever amount does at rates up to 100 %.
   */
  private static long scaled(long amount, int rate, long divisor) {
    long high = Math.multiplyHigh(amount, rate);
    long product = amount * rate;
    if (high == 0 && product >= 0) {
      return halfUp(product, divisor);
    }
    var big = java.math.BigInteger.valueOf(amount).multiply(java.math.BigInteger.valueOf(rate));
    var qr = big.divideAndRemainder(java.math.BigInteger.valueOf(divisor));
    long q = qr[0].longValueExact();
    return qr[1].shiftLeft(1).compareTo(java.math.BigInteger.valueOf(divisor)) >= 0 ? q + 1 : q;
  }

  /** a / b rounded half up, for a ≥ 0 and b > 0. */
  static long halfUp(long a, long b) {
    long q = a / b;
    long r = a % b;
    return r * 2 >= b ? q + 1 : q;
  }
}
