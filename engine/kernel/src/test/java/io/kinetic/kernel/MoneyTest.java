package io.kinetic.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.json.Json;
import io.kinetic.kernel.money.Money;
import org.junit.jupiter.api.Test;

class MoneyTest {

  @Test
  void addsAndMultipliesInMinorUnits() {
    Money price = Money.of(1999, "EUR");
    assertEquals(Money.of(5997, "EUR"), price.times(3));
    assertEquals(Money.of(2998, "EUR"), price.plus(Money.of(999, "EUR")));
    assertEquals(Money.of(-1, "EUR"), Money.zero("EUR").minus(Money.of(1, "EUR")));
  }

  @Test
  void rejectsMixedCurrenciesAndUnknownCodes() {
    assertThrows(IllegalArgumentException.class, () -> Money.of(1, "EUR").plus(Money.of(1, "USD")));
    assertThrows(IllegalArgumentException.class, () -> Money.of(1, "eur"));
    assertThrows(IllegalArgumentException.class, () -> Money.of(1, "XYZ"));
    assertFalse(Money.isCurrency("EURO"));
    assertTrue(Money.isCurrency("JPY"));
    // the JDK's codes, and nothing else of three characters
    for (java.util.Currency c : java.util.Currency.getAvailableCurrencies()) {
      assertEquals(c.getCurrencyCode().matches("[A-Z]{3}"), Money.isCurrency(c.getCurrencyCode()), c.getCurrencyCode());
    }
    for (String code : new String[] {"", "EU", "E R", "EU1", "[UR", "EU@", "ZZZ", "AAA", "Eur", "\u00c9UR"}) {
      assertFalse(Money.isCurrency(code), code);
    }
  }

  @Test
  void overflowFailsInsteadOfWrapping() {
    assertThrows(ArithmeticException.class, () -> Money.of(Long.MAX_VALUE, "EUR").times(2));
  }

  @Test
  void jsonIsAmountAndCurrency() {
    assertEquals("{\"amount\":1999,\"currency\":\"EUR\"}", Json.string(Money.of(1999, "EUR")));
    assertEquals(Money.of(5, "USD"), Json.decode("{\"amount\":5,\"currency\":\"USD\"}", Money.class));
  }
}
