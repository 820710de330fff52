package io.kinetic.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.server.StripeEngine;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;

/**
 * Paying with Stripe Elements on the storefront, against the fake Stripe (its Stripe.js stand-in and
 * API): the payment page loads Stripe.js from the configured address (the page's CSP lets it), mounts
 * the Payment Element with the order's client secret, a declined card is said under it, and a good
 * card confirms the intent at Stripe and leads to the paid order's confirmation.
 */
class StripePaymentBrowserTest {

  /** The declined confirmation: the browser logs the fake Stripe's 402. */
  private static final Pattern DECLINED = Pattern.compile("/confirm - Failed to load resource: the server responded with a status of 402");
  private static StripeEngine shop;
  private static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    if (!Browser.installed()) {
      return;
    }
    shop = StripeEngine.get();
    browser = Browser.start(shop.engine.httpPort());
    browser.driver().manage().window().setSize(new Dimension(1366, 900));
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void aGuestPaysWithThePaymentElementAfterADeclinedCard() throws Exception {
    Browser.assumeInstalled();
    StripeEngine.Placed placed = shop.place(shop.variant(5), 1);
    browser.openFresh("/checkout/payment/" + placed.orderId() + "?token=" + URLEncoder.encode(placed.token(), StandardCharsets.UTF_8));
    var card = browser.visible("fake-stripe-card");
    browser.until("the pay button enabled", d -> browser.visible("pay-button").isEnabled());

    card.sendKeys("4000000000000002");
    browser.visible("pay-button").click();
    browser.until("the refusal", d -> "Your card was declined.".equals(browser.visible("payment-error").getText()));
    browser.assertNoErrors(DECLINED);
    browser.screenshots("stripe-payment-declined");

    card.clear();
    card.sendKeys("4242424242424242");
    browser.visible("pay-button").click();
    browser.until("the paid order's confirmation", Duration.ofSeconds(20), d -> !d.findElements(Browser.testId("thank-you")).isEmpty());
    assertTrue(browser.location().startsWith("/order/" + placed.orderId()), browser.location());
    assertEquals("succeeded", shop.stripe.status(placed.intentId()));
    assertEquals(2, shop.stripe.browserConfirms(), "both attempts went from the browser to Stripe");
    browser.screenshots("stripe-paid");
    browser.assertNoErrors();
  }
}
