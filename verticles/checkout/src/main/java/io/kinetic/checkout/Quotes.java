package io.kinetic.checkout;

import io.kinetic.kernel.contract.cart.CartLineView;
import io.kinetic.kernel.contract.cart.CartView;
import io.kinetic.kernel.contract.checkout.CheckoutDetails;
import io.kinetic.kernel.contract.checkout.CheckoutQuote;
import io.kinetic.kernel.contract.checkout.PricedLine;
import io.kinetic.kernel.contract.checkout.ShippingMethod;
import io.kinetic.kernel.contract.checkout.ShippingOption;
import io.kinetic.kernel.contract.checkout.ShippingZone;
import io.kinetic.kernel.contract.checkout.Totals;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.money.Money;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Prices a cart for checkout: every line's net, tax and gross by {@link TaxRule}, at the rate of
 * the destination country (the shipping address's, else the shop's default) for the product's tax
 * class (its standard rate when the country has none for the class; shipping at the standard
 * rate), the shipping methods
 * of the country's zone that have a price in the cart's currency (free from their threshold of the
 * items' gross), and the totals. Pure: the cart and the settings are read by the caller.
 */
final class Quotes {

  static final String CART_EMPTY = "CART_EMPTY";
  static final String PRICE_CHANGED = "PRICE_CHANGED";
  static final String UNAVAILABLE = "UNAVAILABLE";
  static final String INSUFFICIENT_STOCK = "INSUFFICIENT_STOCK";
  static final String NO_SHIPPING = "NO_SHIPPING";
  /** The total is more than the shop takes in one order ({@code checkout.maxOrderTotal}). */
  static final String TOTAL_TOO_LARGE = "TOTAL_TOO_LARGE";

  private Quotes() {
  }

  /**
   * {@code country}: already checked (or null for the shop's default). Fails SHIPPING_METHOD_UNAVAILABLE
   * for a method not offered. {@code maxTotal}: the largest total an order may have (minor units); a
   * larger one is the problem {@value #TOTAL_TOO_LARGE}. With nothing that can be ordered, nothing is
   * charged: the totals are 0 and no shipping is chosen.
   */
  static CheckoutQuote price(CartView cart, ShopSettings.Snapshot settings, String country, UUID shippingMethodId, long maxTotal) {
    String currency = cart.currency();
    String destination = country != null ? country : settings.view().defaultCountry();
    boolean inclusive = settings.view().pricesIncludeTax();
    int standard = settings.rate(destination, ShopSettings.STANDARD);
    var problems = new ArrayList<String>();
    var lines = new ArrayList<PricedLine>();
    long net = 0;
    long tax = 0;
    long gross = 0;
    for (CartLineView l : cart.lines()) {
      if (l.unavailable() || l.unitPrice() == null) {
        addOnce(problems, UNAVAILABLE);
        continue;
      }
      if (l.priceChanged()) {
        addOnce(problems, PRICE_CHANGED);
      }
      if (l.insufficientStock()) {
        addOnce(problems, INSUFFICIENT_STOCK);
      }
      // the product's class where the destination has a rate for it, else the standard rate
      String taxClass = l.taxClass() == null || !settings.hasRate(destination, l.taxClass()) ? ShopSettings.STANDARD : l.taxClass();
      int rate = settings.rate(destination, taxClass);
      var split = TaxRule.split(Math.multiplyExact(l.unitPrice().amount(), (long) l.quantity()), rate, inclusive);
      // summed without overflow: a total past a long is far past any maximum (TOTAL_TOO_LARGE below)
      net = plus(net, split.net());
      tax = plus(tax, split.tax());
      gross = plus(gross, split.gross());
      lines.add(new PricedLine(l.variantId(), l.sku(), l.productId(), l.productSlug(), l.productName(), l.options(), l.image(),
        l.quantity(), l.unitPrice(), Money.of(split.net(), currency), Money.of(split.tax(), currency),
        Money.of(split.gross(), currency), rate, taxClass));
    }
    if (lines.isEmpty()) {
      addOnce(problems, CART_EMPTY);
    }
    var options = options(settings.zone(destination), currency, gross);
    ShippingOption chosen = null;
    // nothing to ship (every line unavailable): no method is chosen, nor checked, and no shipping is charged
    if (!lines.isEmpty() && shippingMethodId != null) {
      chosen = options.stream().filter(o -> o.methodId().equals(shippingMethodId)).findFirst()
        .orElseThrow(() -> ErrorCode.SHIPPING_METHOD_UNAVAILABLE.failure(
          "this shipping method does not ship to " + destination + " in " + currency));
    } else if (!lines.isEmpty() && !options.isEmpty()) {
      chosen = options.get(0);
    }
    if (chosen == null && !lines.isEmpty()) {
      addOnce(problems, NO_SHIPPING);
    }
    var ship = TaxRule.split(chosen == null ? 0 : chosen.price().amount(), standard, inclusive);
    long total = plus(gross, ship.gross());
    if (total > maxTotal) {
      addOnce(problems, TOTAL_TOO_LARGE);
    }
    var totals = new Totals(Money.of(net, currency), Money.of(tax, currency), Money.of(gross, currency),
      Money.of(ship.net(), currency), Money.of(ship.tax(), currency), Money.of(ship.gross(), currency),
      Money.of(plus(net, ship.net()), currency), Money.of(plus(tax, ship.tax()), currency), Money.of(total, currency));
    return new CheckoutQuote(cart.id(), currency, destination, inclusive, List.copyOf(lines), options, chosen, totals,
      List.copyOf(problems), cart.version());
  }

  /** The zone's active methods with a price in {@code currency}, cheapest first. */
  static List<ShippingOption> options(ShippingZone zone, String currency, long itemsGross) {
    if (zone == null) {
      return List.of();
    }
    var options = new ArrayList<ShippingOption>();
    for (ShippingMethod m : zone.methods()) {
      Long price = m.prices().get(currency);
      if (!Boolean.TRUE.equals(m.active()) || price == null) {
        continue;
      }
      Long threshold = m.freeAbove().get(currency);
      boolean free = threshold != null && itemsGross >= threshold;
      options.add(new ShippingOption(m.id(), m.name(), Money.of(free ? 0 : price, currency), free,
        threshold == null ? null : Money.of(threshold, currency), m.minDays(), m.maxDays()));
    }
    options.sort(Comparator.comparingLong((ShippingOption o) -> o.price().amount()).thenComparingInt(ShippingOption::minDays));
    return List.copyOf(options);
  }

  /** a + b for amounts ≥ 0, at most Long.MAX_VALUE. */
  private static long plus(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }

  private static void addOnce(List<String> problems, String problem) {
    if (!problems.contains(problem)) {
      problems.add(problem);
    }
  }
}
