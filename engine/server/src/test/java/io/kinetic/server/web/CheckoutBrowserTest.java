package io.kinetic.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.server.RunningEngine;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Buying in a real headless Chromium against the real engine, with the built-in test payment
 * provider: a guest checks out and sees the confirmation (also after a reload); a refused field is
 * said next to it; a declined card is said and another card pays; a customer picks an address from
 * the address book, a faster method, pays with a late-succeeding card and finds the order in the
 * account; staff find the order in the admin with its timeline. Each test buys only products it
 * created itself. With -Dkinetic.screenshots=DIR the pages are saved at desktop (1366×900) and
 * phone (390×844) width, full length.
 */
// creates products: never while StorefrontBrowserTest compares the home page with the API
@ResourceLock(value = "storefront-catalogue", mode = ResourceAccessMode.READ)
class CheckoutBrowserTest {

  private static final String PASSWORD = "correct horse battery staple";
  private static final long EUR = 1999;
  /** The refusals the tests provoke: the browser logs every 4xx answer. */
  private static final Pattern INVALID_ORDER =
    Pattern.compile("/api/v1/checkout/orders\\S* - Failed to load resource: the server responded with a status of 400");
  private static final Pattern DECLINED =
    Pattern.compile("/payment/test-card - Failed to load resource: the server responded with a status of 402");
  private static EngineApi api;
  private static Browser browser;
  private static String staff;

  @BeforeAll
  static void start() throws Exception {
    if (!Browser.installed()) {
      return; // each test then reports itself skipped, with the reason
    }
    api = new EngineApi(RunningEngine.client());
    staff = api.staffToken();
    browser = Browser.start(RunningEngine.httpPort());
    browser.driver().manage().window().setSize(new Dimension(1366, 900));
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  @BeforeEach
  void freshShop() {
    Browser.assumeInstalled();
    browser.openFresh("/");
  }

  @AfterEach
  void noJavaScriptErrors() {
    if (browser != null) {
      browser.assertNoErrors();
    }
  }

  @Test
  void aGuestChecksOutWithTheTestProviderAndSeesTheConfirmationAlsoAfterAReload() throws Exception {
    JsonObject product = product(10);
    addToCart(product, 2);
    browser.visible("mini-cart").click();
    browser.visible("checkout-button").click();
    browser.until("the checkout", d -> browser.location().equals("/checkout"));

    // the quote: 2 × €19.99 to Germany, Standard (€4.90) chosen as the cheapest, 19 % VAT included
    totalIs(2 * EUR + 490);
    assertEquals(EngineApi.formatted(2 * EUR, "EUR"), browser.visible("summary-subtotal").getText());
    assertEquals(EngineApi.formatted(490, "EUR"), browser.visible("summary-shipping").getText());
    // VAT is worked out per line (and for shipping), each rounded half up
    assertEquals(EngineApi.formatted(Math.round(2 * EUR * 19 / 119.0) + Math.round(490 * 19 / 119.0), "EUR"),
      browser.visible("summary-tax").getText());
    assertTrue(browser.visible("free-shipping-nudge").getText().contains(EngineApi.formatted(5000 - 2 * EUR, "EUR")));

    // nothing filled in and a postal code the API refuses: each reason next to its field
    browser.visible("ship-postalCode").sendKeys("10117!");
    browser.visible("place-order").click();
    browser.until("the refused fields", d -> fieldError(d, "co-email-error").contains("email address")
      && fieldError(d, "ship-name-error").equals("Please fill this in.")
      && fieldError(d, "ship-postalCode-error").contains("letters, digits")
      && fieldError(d, "ship-city-error").equals("Please fill this in."));
    assertEquals("VALIDATION_FAILED", browser.visible("checkout-error").getAttribute("data-code"));
    assertEquals("true", browser.visible("checkout-email").getAttribute("aria-invalid"));
    browser.screenshots("checkout-errors");

    String email = "guest-" + suffix() + "@example.com";
    browser.visible("checkout-email").sendKeys(email);
    fillAddress("ship", "Ada Lovelace", "Unter den Linden 1", "10117", "Berlin");
    new Select(browser.visible("ship-country")).selectByValue("AT");
    // Austria: the EU zone's Standard at €9.90, 20 % VAT
    totalIs(2 * EUR + 990);
    // every country the shop ships to is offered by its name (the seeded rest of the world: all of them), Luxembourg too (the EU zone's, 17 % VAT)
    Select countries = new Select(browser.visible("ship-country"));
    int shipped = api.get("/api/v1/checkout/shipping-countries").getJsonArray("countries").size();
    browser.until(shipped + " countries offered", d -> countries.getOptions().size() == shipped);
    countries.selectByVisibleText("Luxembourg");
    assertEquals("LU", countries.getFirstSelectedOption().getAttribute("value"));
    totalIs(2 * EUR + 990);
    new Select(browser.visible("ship-country")).selectByValue("DE");
    totalIs(2 * EUR + 490);
    browser.screenshots("checkout-guest");
    browser.visible("place-order").click();

    browser.until("the payment page", d -> browser.location().startsWith("/checkout/payment/"));
    assertTrue(browser.visible("test-mode").isDisplayed());
    assertTrue(browser.visible("order-placed-note").getText().matches("(?s).*KC-\\d+.*"), browser.visible("order-placed-note").getText());
    browser.visible("mini-cart-count");
    browser.until("the emptied cart in the header", d -> "0".equals(d.findElement(Browser.testId("mini-cart-count")).getText()));
    browser.screenshots("payment");
    browser.driver().findElements(Browser.testId("test-card")).get(0).click();
    assertEquals("4242 4242 4242 4242", browser.visible("card-number").getDomProperty("value"));
    browser.visible("pay-button").click();

    WebElement hero = browser.until("the confirmation", d -> {
      var found = d.findElements(Browser.testId("order-hero"));
      return !found.isEmpty() && "paid".equals(found.get(0).getAttribute("data-kind")) ? found.get(0) : null;
    });
    assertEquals("Thank you, Ada!", browser.visible("thank-you").getText());
    assertTrue(hero.getText().contains(email), hero.getText());
    String number = browser.visible("order-number").getText();
    assertTrue(number.matches("KC-\\d+"), number);
    assertEquals("Paid", browser.visible("order-status").getText());
    assertEquals(EngineApi.formatted(2 * EUR + 490, "EUR"), browser.visible("summary-total").getText());
    assertTrue(browser.visible("order-shipping-address").getText().contains("10117 Berlin"));
    browser.screenshots("confirmation-guest");

    // the guest's confirmation carries the order's token in the page's address: a reload shows it again
    String hash = browser.location();
    assertTrue(hash.matches("/order/[0-9a-f-]{36}\\?token=.+"), hash);
    browser.driver().navigate().refresh();
    assertEquals(number, browser.visible("order-number").getText());
    String orderId = hash.substring("/order/".length(), hash.indexOf('?'));
    String token = java.net.URLDecoder.decode(hash.substring(hash.indexOf("?token=") + 7), java.nio.charset.StandardCharsets.UTF_8);
    JsonObject order = api.guestOrder(orderId, token);
    assertEquals("paid", order.getString("state"));
    assertEquals(email, order.getString("email"));
    assertEquals(2 * EUR + 490, order.getJsonObject("totals").getJsonObject("total").getLong("amount"));
    browser.assertNoErrors(INVALID_ORDER);
  }

  @Test
  void anOrderNobodyCanSeeSaysSoOnBothOrderPages() throws Exception {
    String unknown = java.util.UUID.randomUUID().toString();
    for (String page : java.util.List.of("/order/" + unknown + "?token=forged", "/checkout/payment/" + unknown + "?token=forged")) {
      browser.openFresh(page);
      browser.until("the order-missing page", d -> !d.findElements(org.openqa.selenium.By.cssSelector("[data-testid=order-missing]")).isEmpty());
    }
    browser.screenshots("order-missing");
    browser.assertNoErrors(java.util.regex.Pattern.compile("/api/v1/orders/" + unknown + " .*status of 404")); // the expected answers
  }

  @Test
  void aDeclinedCardIsSaidInThePagesLanguageAndAnotherCardPays() throws Exception {
    JsonObject product = product(5);
    new Select(browser.visible("locale-select")).selectByValue("de");
    addToCart(product, 1);
    browser.open("/checkout");
    totalIs(EUR + 490);
    // the button says "updating the totals" while a quote is on its way (the cart may change once more right after)
    browser.until("the German order button", d -> "Zahlungspflichtig bestellen".equals(browser.visible("place-order").getText()));
    browser.visible("checkout-email").sendKeys("declined-" + suffix() + "@example.com");
    fillAddress("ship", "Max Mustermann", "Hauptstraße 5", "80331", "München");
    browser.visible("billing-same").click();
    fillAddress("bill", "Muster GmbH", "Rechnungsweg 2", "80333", "München");
    browser.screenshots("checkout-de");
    browser.visible("place-order").click();
    browser.until("the payment page", d -> browser.location().startsWith("/checkout/payment/"));

    browser.visible("card-number").sendKeys("4000 0000 0000 0002");
    browser.visible("pay-button").click();
    WebElement error = browser.visible("payment-error");
    assertEquals("Ihre Karte wurde abgelehnt. Bitte versuchen Sie eine andere Karte.", error.getText());
    assertEquals("PAYMENT_DECLINED", error.getAttribute("data-code"));
    browser.screenshots("payment-declined-de");

    // back at the checkout (its cart is empty now): the unpaid order is offered
    browser.driver().navigate().back();
    browser.visible("checkout-empty");
    assertTrue(browser.visible("unpaid-order").getText().contains("wartet noch auf die Zahlung"), browser.visible("unpaid-order").getText());
    browser.visible("pay-unpaid").click();
    browser.until("the payment page again", d -> browser.location().startsWith("/checkout/payment/"));

    WebElement card = browser.visible("card-number");
    card.sendKeys(Keys.chord(Keys.CONTROL, "a"), "4242424242424242");
    assertEquals("4242 4242 4242 4242", card.getDomProperty("value"));
    browser.visible("pay-button").click();
    browser.until("the confirmation in German", d -> !d.findElements(Browser.testId("thank-you")).isEmpty()
      && "Vielen Dank, Max!".equals(d.findElement(Browser.testId("thank-you")).getText()));
    assertEquals("Bezahlt", browser.visible("order-status").getText());
    assertTrue(browser.visible("order-billing-address").getText().contains("Muster GmbH"));
    browser.screenshots("confirmation-de");
    browser.assertNoErrors(DECLINED);
  }

  @Test
  void aPriceChangedDuringTheCheckoutLeadsBackToTheCartAndTheNewTotalIsOrdered() throws Exception {
    JsonObject product = product(5);
    String sku = product.getJsonArray("variants").getJsonObject(0).getString("sku");
    addToCart(product, 1);
    browser.open("/checkout");
    totalIs(EUR + 490);
    browser.visible("checkout-email").sendKeys("changed-" + suffix() + "@example.com");

    api.setPrice(staff, sku, "EUR", 2499);
    // the checkout prices the cart again when it changes (over a subscription; without one within 15 s)
    browser.until("the changed cart said", Duration.ofSeconds(30), d -> !d.findElements(Browser.testId("cart-problems")).isEmpty());
    assertFalse(browser.visible("place-order").isEnabled(), "no order of a cart the shopper has not seen");
    browser.screenshots("checkout-cart-changed");

    browser.visible("review-cart").click();
    browser.until("the cart", d -> browser.location().equals("/cart"));
    browser.visible("acknowledge-changes").click();
    browser.until("the checkout open again", d -> d.findElements(Browser.testId("checkout-button")).stream()
      .filter(b -> "a".equals(b.getTagName())).findFirst().orElse(null)).click();
    // what was typed is still there
    assertTrue(browser.visible("checkout-email").getDomProperty("value").startsWith("changed-"));
    totalIs(2499 + 490);
    assertTrue(browser.driver().findElements(Browser.testId("cart-problems")).isEmpty());
  }

  /** A cart above the largest total the shop takes (here 100,000,000 EUR) is said so, and no order can be placed. */
  @Test
  void aCartAboveTheLargestOrderTotalIsSaidSoAndCannotBeOrdered() throws Exception {
    String suffix = suffix();
    String name = "Checkout giant " + suffix;
    JsonObject product = api.createProduct(staff, "checkout-" + suffix, name,
      new JsonArray().add(EngineApi.variant("CO-" + suffix + "-M", 20_000_000_000L, 2199, 3))).put("name", name);
    addToCart(product, 1);
    browser.open("/checkout");
    browser.visible("total-too-large");
    assertFalse(browser.visible("place-order").isEnabled(), "no order above the shop's largest total");
    browser.screenshots("checkout-total-too-large");
  }

  @Test
  void aCustomerPaysWithALateCardAndFindsTheOrderInTheAccount() throws Exception {
    JsonObject product = product(10);
    String email = "buyer-" + suffix() + "@example.com";
    api.registerCustomer(email, PASSWORD, "Grace Hopper");
    String token = api.customerToken(email, PASSWORD);
    api.saveAddress(token, new JsonObject().put("name", "Grace Hopper").put("line1", "Invalidenstraße 43").put("postalCode", "10115")
      .put("city", "Berlin").put("country", "DE"));
    signIn(email);
    addToCart(product, 1);
    browser.visible("mini-cart").click();
    browser.visible("checkout-button").click();

    assertTrue(browser.visible("checkout-account-email").getText().contains(email));
    WebElement saved = browser.visible("ship-choice");
    assertTrue(saved.getText().contains("Invalidenstraße 43"), saved.getText());
    assertTrue(saved.findElement(By.tagName("input")).isSelected(), "the default address is chosen");
    assertTrue(browser.driver().findElements(Browser.testId("ship-name")).isEmpty(), "no form for a saved address");
    totalIs(EUR + 490);
    WebElement express = browser.until("Express", d -> d.findElements(Browser.testId("shipping-option")).stream()
      .filter(o -> o.getText().contains("Express")).findFirst().orElse(null));
    express.click();
    totalIs(EUR + 990);
    browser.screenshots("checkout-customer");
    browser.visible("place-order").click();

    browser.until("the payment page", d -> browser.location().startsWith("/checkout/payment/"));
    browser.visible("card-number").sendKeys("4000000000000259");
    browser.visible("pay-button").click();
    browser.until("the payment processing", d -> !d.findElements(Browser.testId("order-hero")).isEmpty()
      && "processing".equals(d.findElement(Browser.testId("order-hero")).getAttribute("data-kind")));
    assertEquals("Payment processing", browser.visible("order-status").getText());
    browser.screenshots("confirmation-processing");
    // the late card succeeds a few seconds later: the page asks again until it knows
    browser.until("the late payment succeeded", Duration.ofSeconds(30), d -> !d.findElements(Browser.testId("thank-you")).isEmpty());
    assertEquals("Thank you, Grace!", browser.visible("thank-you").getText());
    assertEquals("/order/", browser.location().substring(0, 7));
    assertTrue(!browser.location().contains("token="), "a customer's address carries no token: " + browser.location());
    String number = browser.visible("order-number").getText();

    JsonObject mine = api.customerOrders(token).getJsonArray("items").getJsonObject(0);
    assertEquals(number, mine.getString("number"));
    assertEquals("paid", mine.getString("state"));
    assertEquals(EUR + 990, mine.getJsonObject("total").getLong("amount"));

    browser.visible("account-link").click();
    WebElement row = browser.until("the order on the account page", d -> d.findElements(Browser.testId("order-row")).stream()
      .filter(r -> number.equals(r.getAttribute("data-number"))).findFirst().orElse(null));
    assertTrue(row.getText().contains(EngineApi.formatted(EUR + 990, "EUR")), row.getText());
    assertTrue(row.getText().contains("Paid"), row.getText());
    browser.screenshots("account-orders");
    row.click();
    browser.until("the order in the account", d -> browser.location().startsWith("/account/orders/"));
    assertEquals(number, browser.visible("order-number").getText());
    assertTrue(browser.visible("order-shipping-address").getText().contains("Invalidenstraße 43"));
    assertEquals(product.getString("name"), browser.visible("priced-line-name").getText());
    browser.screenshots("account-order");
  }

  @Test
  void staffFindTheOrderInTheAdminAndReadItsTimeline() throws Exception {
    JsonObject product = product(5);
    String email = "admin-view-" + suffix() + "@example.com";
    JsonObject placed = api.placeGuestOrder(product.getJsonArray("variants").getJsonObject(0).getString("id"), 2, email);
    String orderId = placed.getJsonObject("order").getString("id");
    String number = placed.getJsonObject("order").getString("number");
    String orderToken = placed.getString("accessToken");
    assertEquals(402, api.payWithTestCard(orderId, orderToken, "4000 0000 0000 0002"));
    Thread.sleep(300); // the provider's notice of the decline comes a moment later
    assertEquals(200, api.payWithTestCard(orderId, orderToken, "4242 4242 4242 4242"));
    browser.until("the order paid", d -> {
      try {
        return "paid".equals(api.guestOrder(orderId, orderToken).getString("state"));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });

    browser.open("/admin/#/login");
    browser.visible("login-email").sendKeys(RunningEngine.ADMIN_EMAIL);
    browser.driver().findElement(Browser.testId("login-password")).sendKeys(RunningEngine.ADMIN_PASSWORD);
    browser.driver().findElement(Browser.testId("login-submit")).click();
    browser.visible("nav-orders").click();
    browser.until("the orders list", d -> browser.hash().startsWith("#/orders"));
    browser.until("a page of orders", d -> !d.findElements(Browser.testId("order-row")).isEmpty());

    // by e-mail and state: the one order; by its number without the prefix: the same
    browser.visible("filter-email").sendKeys(email.toUpperCase());
    new Select(browser.visible("filter-state")).selectByValue("paid");
    WebElement row = onlyRow(number);
    assertTrue(row.getText().contains(email), row.getText());
    assertTrue(row.getText().contains(EngineApi.formatted(2 * EUR + 490, "EUR")), row.getText());
    assertEquals("Paid", row.findElement(Browser.testId("order-row-state")).getText());
    assertTrue(browser.hash().contains("state=paid"), browser.hash());
    browser.screenshots("admin-orders");
    browser.visible("reset-filters").click();
    browser.visible("filter-number").sendKeys(number.substring(3), Keys.ENTER);
    row = onlyRow(number);

    row.findElement(Browser.testId("order-link")).click();
    browser.until("the order's page", d -> browser.hash().equals("#/orders/" + orderId));
    assertEquals(number, browser.visible("order-number").getText());
    assertEquals("Paid", browser.visible("order-state").getText());
    assertEquals(EngineApi.formatted(2 * EUR + 490, "EUR"), browser.visible("order-total").getText());
    assertTrue(browser.visible("order-ship-to").getText().contains("10178 Berlin"));
    List<String> events = browser.until("the timeline", d -> {
      var found = d.findElements(Browser.testId("timeline-event")).stream().map(e -> e.getAttribute("data-type")).toList();
      return found.contains("PaymentSucceeded") ? found : null;
    });
    // newest first: paid, after the refused card, after the placing
    assertEquals(List.of("PaymentSucceeded", "PaymentFailed", "OrderPlaced"), events);
    String failed = browser.driver().findElements(Browser.testId("timeline-event")).get(1).getText();
    assertTrue(failed.contains("Payment failed") && failed.contains("declined") && failed.contains("Payment provider (test)"), failed);
    browser.screenshots("admin-order");

    browser.visible("back-to-orders").click();
    browser.until("back at the filtered list", d -> browser.hash().contains("number=") && d.findElements(Browser.testId("order-row")).size() == 1);
  }

  @Test
  void theShippingAddressOffersOnlyTheCountriesTheShopShipsTo() throws Exception {
    // a country of a zone of its own without an active method: the shop does not ship there (the
    // seeded rest of the world ships everywhere else); a database kept from an earlier run may have some taken
    List<String> zoned = api.checkoutSettings(staff).getJsonArray("zones").stream().map(JsonObject.class::cast)
      .flatMap(z -> z.getJsonArray("countries").stream().map(String::valueOf)).toList();
    List<String> free = List.of("IS", "MT", "CY", "EE", "LV", "LT", "SI", "SK", "HR", "RO", "BG").stream()
      .filter(c -> !zoned.contains(c)).toList();
    String country = free.get(0);
    String name = new java.util.Locale("", country).getDisplayCountry(java.util.Locale.ENGLISH);
    String zone = api.addShippingZone(staff, new JsonObject().put("name", "Not shipped " + suffix()).put("countries", new JsonArray().add(country))
      .put("methods", new JsonArray().add(new JsonObject().put("name", "Paused").put("prices", new JsonObject().put("EUR", 990))
        .put("minDays", 2).put("maxDays", 4).put("active", false))));
    // and one whose only method is priced in euros: shipped to in EUR, not in USD
    String euroOnly = free.get(1);
    String euroZone = api.addShippingZone(staff, new JsonObject().put("name", "Euros only " + suffix()).put("countries", new JsonArray().add(euroOnly))
      .put("methods", new JsonArray().add(new JsonObject().put("name", "Euro post").put("prices", new JsonObject().put("EUR", 1290))
        .put("minDays", 2).put("maxDays", 4))));
    try {
      browser.clearCache(); // the list is cached for a minute
      List<String> shipTo = api.get("/api/v1/checkout/shipping-countries").getJsonArray("countries").stream().map(String::valueOf).toList();
      assertFalse(shipTo.contains(country), shipTo.toString());
      assertTrue(shipTo.containsAll(List.of("DE", "AT", "US")), shipTo.toString());

      addToCart(product(5), 1);
      browser.open("/checkout");
      totalIs(EUR + 490);
      Select shipping = new Select(browser.visible("ship-country"));
      browser.until("only the countries the shop ships to", d -> shipping.getOptions().size() == shipTo.size());
      assertEquals(java.util.Set.copyOf(shipTo), shipping.getOptions().stream().map(o -> o.getAttribute("value")).collect(java.util.stream.Collectors.toSet()));
      assertTrue(browser.driver().findElements(Browser.testId("ship-country-outside")).isEmpty());
      // a billing address may be anywhere: every country
      click(browser.visible("billing-same"));
      Select billing = new Select(browser.visible("bill-country"));
      assertEquals(249, billing.getOptions().size());
      billing.selectByValue(country);
      click(browser.visible("billing-same"));

      // the shipping address the tab kept (typed before, or before the shop stopped shipping there): kept, marked and said
      browser.script("const d = JSON.parse(sessionStorage.getItem('kinetic.checkout.draft'));"
        + " d.ship.country = arguments[0]; sessionStorage.setItem('kinetic.checkout.draft', JSON.stringify(d));", country);
      browser.driver().navigate().refresh();
      WebElement outside = browser.visible("ship-country-outside");
      assertEquals("Sorry, we do not ship to " + name + ". Please choose one of the countries in the list.", outside.getText());
      Select kept = new Select(browser.visible("ship-country"));
      assertEquals(country, kept.getFirstSelectedOption().getAttribute("value"));
      assertEquals(name + " (we do not ship there)", kept.getFirstSelectedOption().getText());
      assertEquals(shipTo.size() + 1, kept.getOptions().size());
      assertEquals("true", browser.visible("ship-country").getAttribute("aria-invalid"));
      assertEquals("The shipping methods show once you choose a country we ship to.", browser.visible("no-shipping").getText());
      assertFalse(browser.visible("place-order").isEnabled(), "no order to a country the shop does not ship to");
      browser.screenshots("checkout-not-shipped");
      kept.selectByValue("DE");
      totalIs(EUR + 490);
      browser.until("the message gone", d -> d.findElements(Browser.testId("ship-country-outside")).isEmpty());
      assertEquals(shipTo.size(), new Select(browser.visible("ship-country")).getOptions().size(), "the country left the list");

      // when the list cannot be asked, every country is offered (the quote still says what the shop cannot ship)
      browser.block("*/api/v1/checkout/shipping-countries*");
      try {
        browser.driver().navigate().refresh();
        totalIs(EUR + 490);
        Select all = new Select(browser.visible("ship-country"));
        browser.until("every country", d -> all.getOptions().size() == 249);
        assertTrue(browser.driver().findElements(Browser.testId("ship-country-outside")).isEmpty());
      } finally {
        browser.block();
      }
      browser.assertNoErrors(Pattern.compile("shipping-countries - Failed to load resource: net::ERR_BLOCKED_BY_CLIENT"));

      // the cart in dollars: the list is the shop's countries in USD (the euro-only zone's country leaves it)
      assertTrue(shipTo.contains(euroOnly), shipTo.toString());
      List<String> inDollars = api.get("/api/v1/checkout/shipping-countries?currency=USD").getJsonArray("countries").stream()
        .map(String::valueOf).toList();
      assertFalse(inDollars.contains(euroOnly), inDollars.toString());
      browser.driver().navigate().refresh();
      totalIs(EUR + 490);
      new Select(browser.visible("currency-select")).selectByValue("USD");
      browser.until("the countries shipped to in USD", d -> {
        var options = new Select(d.findElement(Browser.testId("ship-country"))).getOptions();
        return options.size() == inDollars.size() && options.stream().noneMatch(o -> euroOnly.equals(o.getAttribute("value")));
      });
      assertTrue(browser.visible("summary-total").getText().contains("$"), browser.visible("summary-total").getText());
      browser.screenshots("checkout-usd-countries");
    } finally {
      api.removeShippingZone(staff, zone);
      api.removeShippingZone(staff, euroZone);
      browser.clearCache();
    }
  }

  @Test
  void anAdminAddsAVatRateAndAShippingZoneWhoseMethodTheStorefrontOffers() throws Exception {
    JsonObject product = product(5);
    String variantId = product.getJsonArray("variants").getJsonObject(0).getString("id");
    String taxClass = "test-" + suffix();
    // a country in no zone yet (a database kept from an earlier run may have one of them taken)
    JsonObject before = api.checkoutSettings(staff);
    List<String> zoned = before.getJsonArray("zones").stream().map(JsonObject.class::cast)
      .flatMap(z -> z.getJsonArray("countries").stream().map(String::valueOf)).toList();
    String country = List.of("IS", "LI", "MT", "CY", "EE", "LV", "LT", "SI", "SK", "HR", "RO", "BG").stream()
      .filter(c -> !zoned.contains(c)).findFirst().orElseThrow();
    String zone = "Test zone " + suffix();

    browser.open("/admin/#/login");
    browser.visible("login-email").sendKeys(RunningEngine.ADMIN_EMAIL);
    browser.driver().findElement(Browser.testId("login-password")).sendKeys(RunningEngine.ADMIN_PASSWORD);
    browser.driver().findElement(Browser.testId("login-submit")).click();
    browser.visible("nav-checkout-settings").click();
    browser.until("the German rate", d -> d.findElements(By.cssSelector("[data-testid=tax-rate-row][data-country=DE]")).size() == 1);

    new Select(browser.visible("new-rate-country")).selectByValue("CZ");
    WebElement taxClassInput = browser.visible("new-rate-class");
    taxClassInput.sendKeys(Keys.chord(Keys.CONTROL, "a"), taxClass);
    browser.visible("new-rate").sendKeys("21");
    browser.visible("add-rate").click();
    WebElement rate = browser.until("the new rate", d -> d.findElements(Browser.testId("tax-rate-row")).stream()
      .filter(r -> r.getText().contains(taxClass)).findFirst().orElse(null));
    assertEquals("21", rate.findElement(Browser.testId("tax-rate-input")).getDomProperty("value"));
    assertTrue(api.checkoutSettings(staff).getJsonArray("taxRates").stream().map(JsonObject.class::cast)
      .anyMatch(r -> taxClass.equals(r.getString("taxClass")) && r.getInteger("rate") == 2100));

    click(browser.visible("add-zone"));
    browser.visible("zone-name").sendKeys(zone);
    browser.visible("zone-countries").sendKeys(country.toLowerCase());
    browser.visible("method-name").sendKeys("Courier");
    browser.visible("method-price-EUR").sendKeys("12,50");
    for (String days : List.of("Fewest", "Most")) {
      browser.driver().findElement(By.cssSelector("input[aria-label='" + days + " working days of method 1']"))
        .sendKeys(Keys.chord(Keys.CONTROL, "a"), "1");
    }
    browser.screenshots("admin-settings");
    browser.visible("save-zone").click();
    WebElement saved = browser.until("the new zone", d -> d.findElements(Browser.testId("zone")).stream()
      .filter(z -> zone.equals(z.getAttribute("data-name"))).findFirst().orElse(null));
    assertTrue(saved.getText().contains("Courier") && saved.getText().contains("€12.50"), saved.getText());
    assertTrue(saved.getText().contains("1 working day") && !saved.getText().contains("working days"), "one day, singular: " + saved.getText());

    // the storefront's quote to that country offers the zone's method, in EUR only
    JsonObject quote = api.guestQuote(variantId, country);
    assertEquals("Courier", quote.getJsonObject("shipping").getString("name"));
    assertEquals(1250, quote.getJsonObject("shipping").getJsonObject("price").getLong("amount"));

    click(saved.findElement(Browser.testId("remove-zone")));
    browser.driver().switchTo().alert().accept();
    browser.until("the zone removed", d -> d.findElements(Browser.testId("zone")).stream().noneMatch(z -> zone.equals(z.getAttribute("data-name"))));
    rate = browser.until("the rate", d -> d.findElements(Browser.testId("tax-rate-row")).stream()
      .filter(r -> r.getText().contains(taxClass)).findFirst().orElse(null));
    click(rate.findElement(Browser.testId("remove-rate")));
    browser.driver().switchTo().alert().accept();
    browser.until("the rate removed", d -> d.findElements(Browser.testId("tax-rate-row")).stream().noneMatch(r -> r.getText().contains(taxClass)));
  }

  // ---- helpers ----

  /** Clicks an element in the middle of the window (one at the top could be under the sticky header). */
  private static void click(WebElement element) {
    browser.script("arguments[0].scrollIntoView({block: 'center'});", element);
    element.click();
  }

  /** Waits until the admin's orders list shows exactly the order {@code number}; returns its row. */
  private static WebElement onlyRow(String number) {
    return browser.until("only " + number + " listed", d -> {
      var rows = d.findElements(Browser.testId("order-row"));
      return rows.size() == 1 && number.equals(rows.get(0).getAttribute("data-number")) ? rows.get(0) : null;
    });
  }

  /** A published product of one variant (size M) with {@code stock} units, at €19.99 / $21.99 (with its "name"). */
  private static JsonObject product(int stock) throws Exception {
    String suffix = suffix();
    String name = "Checkout test " + suffix;
    return api.createProduct(staff, "checkout-" + suffix, name,
      new JsonArray().add(EngineApi.variant("CO-" + suffix + "-M", EUR, 2199, stock))).put("name", name);
  }

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static void addToCart(JsonObject product, int quantity) {
    String name = product.getString("name");
    browser.open("/p/" + product.getString("slug"));
    browser.until("the buy box of " + name, d -> {
      var title = d.findElements(By.cssSelector("[data-testid=product-detail] [data-testid=product-name]"));
      var add = d.findElements(Browser.testId("add-to-cart"));
      return !title.isEmpty() && name.equals(title.get(0).getText()) && !add.isEmpty() && add.get(0).isEnabled();
    });
    for (int i = 1; i < quantity; i++) {
      browser.visible("qty-increase").click();
    }
    browser.visible("add-to-cart").click();
    browser.visible("added-to-cart");
  }

  private static void signIn(String email) {
    browser.visible("login-link").click();
    browser.visible("login-email").sendKeys(email);
    browser.driver().findElement(Browser.testId("login-password")).sendKeys(PASSWORD);
    browser.driver().findElement(Browser.testId("login-submit")).click();
    browser.until("the account page", d -> browser.location().equals("/account"));
  }

  private static void fillAddress(String prefix, String name, String line1, String postalCode, String city) {
    for (var field : Map.of("name", name, "line1", line1, "postalCode", postalCode, "city", city).entrySet()) {
      WebElement input = browser.visible(prefix + "-" + field.getKey());
      input.sendKeys(Keys.chord(Keys.CONTROL, "a"), field.getValue());
    }
  }

  /** Waits until the summary's total is {@code amount} (and no quote is pending). */
  private static void totalIs(long amount) {
    String expected = EngineApi.formatted(amount, "EUR");
    String german = expected.replace("€", "").replace(",", "#").replace(".", ",").replace("#", ".") + " €";
    browser.until("the total " + expected, d -> {
      var total = d.findElements(Browser.testId("summary-total"));
      var totals = d.findElements(Browser.testId("totals"));
      String shown = total.isEmpty() ? "" : total.get(0).getText().replace('\u00a0', ' ');
      return (expected.equals(shown) || german.equals(shown))
        && "false".equals(totals.get(0).getAttribute("aria-busy"));
    });
  }

  private static String fieldError(org.openqa.selenium.WebDriver d, String id) {
    var found = d.findElements(By.id(id));
    return found.isEmpty() ? "" : found.get(0).getText();
  }


}
