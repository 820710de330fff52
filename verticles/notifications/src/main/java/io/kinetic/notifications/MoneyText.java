package io.kinetic.notifications;

import io.kinetic.kernel.money.Money;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/** Amounts as a reader of the mail's language writes them: "€45.90", "45,90 €". */
final class MoneyText {

  private MoneyText() {
  }

  static String format(Money money, String locale) {
    if (money == null) {
      return "";
    }
    Currency currency = Currency.getInstance(money.currency());
    int digits = Math.max(0, currency.getDefaultFractionDigits());
    NumberFormat format = NumberFormat.getCurrencyInstance(Locale.forLanguageTag("de".equals(locale) ? "de-DE" : "en-IE"));
    format.setCurrency(currency);
    format.setMinimumFractionDigits(digits);
    format.setMaximumFractionDigits(digits);
    return format.format(BigDecimal.valueOf(money.amount(), digits)).replace('\u00a0', ' ');
  }
}
