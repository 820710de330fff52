package io.kinetic.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.server.RunningEngine;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
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
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/**
 * After the order is paid, in a real browser: staff ship it with a tracking number from the admin's
 * order page and mark it delivered; the customer's order page shows it delivered with the tracking,
 * and the customer asks to return a unit; staff approve it, receive it back into stock and refund it.
 * The shipped e-mail with the tracking number is written for the customer. A refund, a return's
 * refund and marking delivered are asked first, saying what will happen (dismissed: nothing is sent).
 */
// creates products: never while StorefrontBrowserTest compares the home page with the API
@ResourceLock(value = "storefront-catalogue", mode = ResourceAccessMode.READ)
class OrderOperationsBrowserTest {

  private static final long EUR = 1999;
  private static EngineApi api;
  private static Browser browser;
  private static String staff;

  @BeforeAll
  static void start() throws Exception {
    if (!Browser.installed()) {
      return;
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
  void staffShipWithTrackingTheCustomerSeesItAndReturnsAUnitThatStaffRefund() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String name = "Operations test " + suffix;
    JsonObject product = api.createProduct(staff, "ops-" + suffix, name,
      new JsonArray().add(EngineApi.variant("OPS-" + suffix + "-M", EUR, 2199, 10)));
    String variant = product.getJsonArray("variants").getJsonObject(0).getString("id");
    JsonObject placed = api.placeGuestOrder(variant, 2, "ops-" + suffix + "@example.com");
    String orderId = placed.getJsonObject("order").getString("id");
    String token = placed.getString("accessToken");
    assertEquals(200, api.payWithTestCard(orderId, token, "4242 4242 4242 4242"));
    browser.until("the order paid", d -> {
      try {
        return "paid".equals(api.guestOrder(orderId, token).getString("state"));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });

    // staff ship both units with DHL and a tracking number, then mark the order delivered
    browser.open("/admin/#/login");
    browser.visible("login-email").sendKeys(RunningEngine.ADMIN_EMAIL);
    browser.driver().findElement(Browser.testId("login-password")).sendKeys(RunningEngine.ADMIN_PASSWORD);
    browser.driver().findElement(Browser.testId("login-submit")).click();
    browser.visible("nav-orders");
    browser.open("/admin/#/orders/" + orderId);
    browser.until("the paid order", d -> "Paid".equals(browser.visible("order-state").getText()));
    browser.visible("open-ship").click();
    // nothing to ship chosen: the button waits (an empty list was once read as "ship everything")
    var quantities = browser.driver().findElements(Browser.testId("ship-qty"));
    for (var q : quantities) {
      q.clear();
      q.sendKeys("0");
    }
    browser.until("nothing chosen, nothing to submit", d -> !browser.visible("ship-submit").isEnabled());
    for (var q : quantities) {
      q.clear();
      q.sendKeys(q.getAttribute("max"));
    }
    browser.until("the units chosen again", d -> browser.visible("ship-submit").isEnabled());
    browser.visible("ship-carrier").sendKeys("DHL");
    browser.visible("ship-tracking").sendKeys("JD0146000012345");
    browser.visible("ship-submit").click();
    browser.until("shipped", d -> "Shipped".equals(browser.visible("order-state").getText()));
    assertEquals("JD0146000012345", browser.visible("tracking").getText());
    browser.screenshots("admin-order-shipped");
    // the refund form by lines says what refunding unshipped units means
    browser.visible("open-refund").click();
    browser.visible("refund-form");
    browser.script("document.querySelectorAll('input[name=refund-mode]')[1].click();");
    browser.visible("refund-lines-hint");
    browser.screenshots("admin-order-refund-lines");
    // a goodwill refund of 1.00 is asked first: dismissed, nothing is sent; accepted, it is refunded
    browser.script("document.querySelectorAll('input[name=refund-mode]')[0].click();");
    browser.visible("refund-amount").sendKeys("1.00");
    browser.visible("refund-submit").click();
    assertEquals("Refund €1.00 to the customer's payment method? This cannot be undone.", answer(false));
    assertTrue(browser.driver().findElements(Browser.testId("refund")).isEmpty(), "dismissed: no refund");
    browser.visible("refund-submit").click();
    assertEquals("Refund €1.00 to the customer's payment method? This cannot be undone.", answer(true));
    browser.until("the refund listed", d -> d.findElements(Browser.testId("refund")).size() == 1);
    String number = browser.visible("order-number").getText();
    browser.visible("mark-delivered").click();
    assertEquals("Mark order " + number + " delivered? This cannot be undone.", answer(false));
    assertEquals("Shipped", browser.visible("order-state").getText(), "dismissed: still shipped");
    browser.visible("mark-delivered").click();
    answer(true);
    browser.until("delivered", d -> "Delivered".equals(browser.visible("order-state").getText()));
    WebElement timeline = browser.visible("timeline");
    assertTrue(timeline.getText().contains("Shipped") && timeline.getText().contains("Delivered"), timeline.getText());
    assertTrue(!timeline.getText().contains("Staff member"), "staff are named, not numbered: " + timeline.getText());

    // the shipped e-mail, with the tracking number, is there for the customer (the embedded default's .eml sink)
    String email = "ops-" + suffix + "@example.com";
    JsonObject mail = browser.until("the shipped e-mail", java.time.Duration.ofSeconds(20), d -> {
      try {
        var list = RunningEngine.client().get("/api/v1/admin/mails").addQueryParam("recipient", email).bearerTokenAuthentication(staff)
          .send().await(10, java.util.concurrent.TimeUnit.SECONDS).bodyAsJsonObject().getJsonArray("items");
        return list.stream().map(m -> (JsonObject) m).filter(m -> "order-shipped".equals(m.getString("kind"))).findFirst().orElse(null);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    var shippedMail = RunningEngine.client().get("/api/v1/admin/mails/" + mail.getString("id")).bearerTokenAuthentication(staff)
      .send().await(10, java.util.concurrent.TimeUnit.SECONDS).bodyAsJsonObject();
    assertTrue(shippedMail.getString("text").contains("JD0146000012345"), shippedMail.encode());

    // the customer's order page: delivered, with the tracking number; a return of one unit
    browser.open("/order/" + orderId + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    browser.until("the order delivered", d -> "Delivered".equals(browser.visible("order-status").getText()));
    assertEquals("JD0146000012345", browser.visible("tracking").getText());
    // no longer the checkout's confirmation: the order's status, without the steps or the thank-you
    assertEquals("status", browser.visible("order-hero").getAttribute("data-kind"));
    assertEquals("Your order was delivered", browser.visible("order-status-title").getText());
    assertTrue(browser.driver().findElements(Browser.testId("thank-you")).isEmpty(), "no thank-you after delivery");
    assertTrue(browser.driver().findElements(By.cssSelector(".checkout-steps")).isEmpty(), "no checkout steps after delivery");
    browser.visible("start-return").click();
    browser.visible("return-qty").sendKeys(Keys.chord(Keys.CONTROL, "a"), "1");
    browser.visible("return-reason").sendKeys("Too small");
    browser.screenshots("store-order-return");
    browser.visible("return-submit").click();
    browser.until("the return requested", d -> "requested".equals(browser.visible("return").getAttribute("data-status")));

    // staff approve it, receive it into stock and refund it
    browser.open("/admin/#/orders/" + orderId);
    browser.visible("return-approve").click();
    browser.until("approved", d -> "approved".equals(browser.visible("return").getAttribute("data-status")));
    browser.visible("return-restock").click();
    browser.until("received", d -> "received".equals(browser.visible("return").getAttribute("data-status")));
    browser.visible("return-refund").click();
    assertEquals("Refund €19.99 for the returned 1 × OPS-" + suffix + "-M to the customer's payment method? This cannot be undone.",
      answer(true));
    browser.until("the return refunded", d -> {
      d.navigate().refresh();
      return "refunded".equals(browser.visible("return").getAttribute("data-status"));
    });
    assertEquals("Partly refunded", browser.visible("payment-state").getText());
    browser.screenshots("admin-order-returned");
    assertEquals(9, api.adminProduct(staff, product.getString("id")).getJsonArray("variants").getJsonObject(0).getInteger("stockOnHand"),
      "one of the two shipped units is back on sale");

    // the guest's order page says how much came back and what the order comes to now
    JsonObject refundedOrder = api.guestOrder(orderId, token);
    long back = refundedOrder.getJsonArray("refunds").stream().map(JsonObject.class::cast)
      .filter(r -> "succeeded".equals(r.getString("status"))).mapToLong(r -> r.getJsonObject("amount").getLong("amount")).sum();
    long total = refundedOrder.getJsonObject("totals").getJsonObject("total").getLong("amount");
    assertTrue(back > 0 && back < total, refundedOrder.encode());
    browser.open("/order/" + orderId + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    browser.until("the refunded amount", d -> ("−" + EngineApi.formatted(back, "EUR")).equals(browser.visible("summary-refunded").getText()));
    assertEquals(EngineApi.formatted(total - back, "EUR"), browser.visible("summary-remaining").getText());
    assertEquals("Partly refunded", browser.visible("payment-status").getText());
    assertEquals(EngineApi.formatted(back, "EUR") + " refunded", browser.visible("refunded-amount").getText());
    assertTrue(browser.driver().findElements(Browser.testId("thank-you")).isEmpty(), "no thank-you after a refund");
    browser.screenshots("store-order-refunded");
  }

  /** The confirmation's text, once it is asked; accepted or dismissed. */
  private static String answer(boolean accept) {
    var alert = browser.until("the confirmation", d -> {
      try {
        return d.switchTo().alert();
      } catch (NoAlertPresentException e) {
        return null;
      }
    });
    String text = alert.getText();
    if (accept) {
      alert.accept();
    } else {
      alert.dismiss();
    }
    return text;
  }
}
