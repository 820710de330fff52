package io.kinetic.catalog.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.money.Money;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo products are priced in the shop's own currencies (cart.currencies), not EUR and USD whatever the shop sells. */
class DemoDataTest {

  @Test
  void theDemoIsPricedInTheShopsCurrencies() {
    var gbpAndYen = new DemoData(Instant.EPOCH, List.of("GBP", "JPY")).product(7);
    var engineDefault = new DemoData(Instant.EPOCH).product(7);
    for (int v = 0; v < gbpAndYen.input().variants().size(); v++) {
      List<Money> prices = gbpAndYen.input().variants().get(v).prices();
      assertEquals(List.of("GBP", "JPY"), prices.stream().map(Money::currency).toList());
      long eur = engineDefault.input().variants().get(v).prices().get(0).amount();
      assertEquals(Math.max(99, Math.round(eur * 0.86 / 100.0) * 100 - 1), prices.get(0).amount(), "pence, ending in .99");
      long yen = prices.get(1).amount();
      assertTrue(yen % 10 == 9 && Math.abs(yen - eur * 1.6) < 20, "whole yen, about 160 to the euro: " + yen + " for " + eur);
    }
    List<Money> defaults = engineDefault.input().variants().get(0).prices();
    assertEquals(List.of("EUR", "USD"), defaults.stream().map(Money::currency).toList());
    long eur = defaults.get(0).amount();
    assertEquals(Math.max(99, Math.round(eur * 1.08 / 100.0) * 100 - 1), defaults.get(1).amount(), "USD as before");
  }
}
