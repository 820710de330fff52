package io.kinetic.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.auth.DerivedKeys;
import io.kinetic.kernel.auth.SealedText;
import io.kinetic.kernel.money.Money;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every mail in every language renders from its templates, escaped in HTML, plain in text. */
class MailTemplatesTest {

  private static final byte[] KEY = DerivedKeys.derive("a-test-secret-of-at-least-32-characters", "password-reset-mail");
  private static final List<String> KINDS = List.of("order-confirmation", "payment-failed", "order-shipped", "order-refunded",
    "return-requested", "return-approved", "return-rejected", "return-received", "password-reset");

  private final MailTemplates templates = new MailTemplates("Shop & Co", "https://shop.example/", KEY);

  private static Map<String, Object> model(String sealed) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("name", "Mug <b>big</b>");
    line.put("options", "size: L");
    line.put("quantity", 2);
    line.put("total", "€20.00");
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("number", "KC-100042");
    model.put("lines", List.of(line));
    model.put("itemsTotal", "€20.00");
    model.put("shippingTotal", "€4.90");
    model.put("taxTotal", "€3.98");
    model.put("total", "€24.90");
    model.put("shippingMethod", "Standard");
    model.put("address", List.of("Ada Lovelace", "Main Street 1", "10115 Berlin", "DE"));
    model.put("hasAddress", true);
    model.put("carrier", "DHL");
    model.put("trackingNumber", "00340434161094042557");
    model.put("trackingUrl", "https://tracking.example/?id=1&x=2");
    model.put("amount", "€5.00");
    model.put("refundedTotal", "€5.00");
    model.put("reason", "too small <script>alert(1)</script>");
    model.put("note", "Use the label");
    model.put("name", "Ada <Lovelace>");
    model.put("validMinutes", 60);
    model.put("sealedToken", sealed);
    return model;
  }

  @Test
  void everyKindRendersInEnglishAndGerman() {
    String sealed = SealedText.seal(KEY, "the-raw-token");
    for (String locale : MailTemplates.LOCALES) {
      for (String kind : KINDS) {
        // the model as it comes back from jsonb
        Map<String, Object> stored = new JsonObject(model(sealed)).getMap();
        String subject = templates.subject(kind, locale, stored);
        var mail = templates.render(kind, locale, subject, stored, true);
        String what = kind + "/" + locale;
        assertFalse(subject.isBlank(), what);
        assertFalse(mail.text().contains("{{") || mail.html().contains("{{"), what + " left a tag unrendered");
        assertTrue(mail.html().contains("Shop &amp; Co"), what + ": the shop's name, escaped, in the HTML");
        assertTrue(mail.text().contains("Shop & Co"), what + ": the shop's name as it is in the text");
        assertTrue(mail.html().startsWith("<!DOCTYPE html>") && mail.html().contains("lang=\"" + locale + "\""), what);
        assertFalse(mail.html().contains("<script>"), what + ": customers' text is escaped");
      }
    }
  }

  @Test
  void theOrderConfirmationListsTheLinesAndTotals() {
    var stored = new JsonObject(model(null)).getMap();
    var de = templates.render("order-confirmation", "de", templates.subject("order-confirmation", "de", stored), stored, true);
    assertEquals("Ihre Bestellung KC-100042 ist bestätigt", de.subject());
    assertTrue(de.text().contains("2 x Mug <b>big</b> (size: L): €20.00"), de.text());
    assertTrue(de.html().contains("Mug &lt;b&gt;big&lt;/b&gt;"), de.html());
    assertTrue(de.text().contains("Gesamt: €24.90") && de.text().contains("10115 Berlin"), de.text());
  }

  @Test
  void theResetLinkIsOpenedOnlyForDelivery() {
    String sealed = SealedText.seal(KEY, "the-raw-token");
    var stored = new JsonObject(model(sealed)).getMap();
    var sent = templates.render("password-reset", "en", "s", stored, true);
    var shown = templates.render("password-reset", "en", "s", stored, false);
    assertTrue(sent.text().contains("https://shop.example/reset-password/the-raw-token"), sent.text());
    assertFalse(shown.text().contains("the-raw-token") || shown.html().contains("the-raw-token"));
    assertTrue(shown.text().contains("/reset-password/" + MailTemplates.MASK));
    assertThrows(IllegalArgumentException.class,
      () -> templates.render("password-reset", "en", "s", new JsonObject(model(sealed.substring(0, sealed.length() - 2) + "AA")).getMap(), true),
      "an altered sealed token does not open");
  }

  @Test
  void localesFallBackToEnglish() {
    assertEquals("de", MailTemplates.locale("de-AT", "en"));
    assertEquals("de", MailTemplates.locale(null, "de"));
    assertEquals("en", MailTemplates.locale("fr", "it"));
  }

  @Test
  void moneyIsWrittenTheWayTheReaderDoes() {
    assertEquals("€45.90", MoneyText.format(Money.of(4590, "EUR"), "en"));
    assertEquals("45,90 €", MoneyText.format(Money.of(4590, "EUR"), "de"));
    assertEquals("JP¥1,200", MoneyText.format(Money.of(1200, "JPY"), "en"));
  }

  @Test
  void backoffDoublesUpToTheMaximum() {
    var settings = new io.kinetic.kernel.config.AppConfig.Mail("s@x.test", "S", "http://x", "", "/tmp", 5, 1000, 6000, 100, 10);
    var sender = new MailSender(null, null, templates, null, settings);
    assertEquals(1.0, sender.backoffSeconds(1));
    assertEquals(2.0, sender.backoffSeconds(2));
    assertEquals(4.0, sender.backoffSeconds(3));
    assertEquals(6.0, sender.backoffSeconds(4));
    assertEquals(6.0, sender.backoffSeconds(40));
    assertEquals("<0f0e0d0c-0000-4000-8000-000000000001@shop.example>",
      MailSender.messageId(java.util.UUID.fromString("0f0e0d0c-0000-4000-8000-000000000001"), MailSender.domainOf("Shop <mail@shop.example>")));
  }
}
