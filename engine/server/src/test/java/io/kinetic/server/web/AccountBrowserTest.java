package io.kinetic.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.server.RunningEngine;
import io.vertx.core.json.JsonArray;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The account page's address book as a customer uses it, in a real browser. */
class AccountBrowserTest {

  private static final String PASSWORD = "correct horse battery";
  private static EngineApi api;
  private static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    if (!Browser.installed()) {
      return; // each test then reports itself skipped, with the reason
    }
    api = new EngineApi(RunningEngine.client());
    browser = Browser.start(RunningEngine.httpPort());
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  @BeforeEach
  void fresh() {
    Browser.assumeInstalled();
    browser.openFresh("/");
  }

  @AfterEach
  void noJavaScriptErrors() {
    if (browser != null) {
      // the refused save: the browser logs every 4xx answer
      browser.assertNoErrors(Pattern.compile("/api/v1/me/addresses - Failed to load resource: the server responded with a status of 400"));
    }
  }

  @Test
  void aGermanShopperReadsTheRuleBeforeAndTheErrorsInGerman() throws Exception {
    String email = "de-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    api.registerCustomer(email, PASSWORD, "Grete Taken");
    browser.open("/register?locale=de");
    // the password rule shows before anything is sent, and says when it is met
    WebElement rule = browser.visible("password-rule");
    assertEquals("Mindestens 10 Zeichen.", rule.getText());
    browser.visible("register-name").sendKeys("Grete Neu");
    browser.visible("register-email").sendKeys(email);
    browser.visible("register-password").sendKeys(PASSWORD);
    browser.until("the rule is met", d -> rule.getText().startsWith("✓"));
    browser.visible("register-submit").click();
    // the e-mail is taken: said in German, the code and reference only in the details
    WebElement banner = browser.visible("error-banner");
    assertEquals("EMAIL_TAKEN", banner.getAttribute("data-code"));
    assertTrue(browser.visible("error-detail").getText().startsWith("Mit dieser E-Mail gibt es schon ein Konto"),
      browser.visible("error-detail").getText());
    assertTrue(banner.findElements(By.cssSelector("details[open]")).isEmpty(), "the details start closed");
    assertEquals("Details", banner.findElement(By.cssSelector("details summary")).getText());
    browser.screenshots("errors-in-german");

    // signing in with a wrong password, also in German
    browser.open("/login?locale=de");
    browser.visible("login-email").sendKeys(email);
    browser.visible("login-password").sendKeys("not the password 1");
    browser.visible("login-submit").click();
    browser.until("the German sentence", d -> browser.visible("error-detail").getText().equals("E-Mail oder Passwort stimmen nicht."));
    browser.assertNoErrors(Pattern.compile("/api/v1/auth/(register|login) - Failed to load resource: the server responded with a status of 40[19]"));
  }

  @Test
  void aCustomerAddsEditsAndRemovesAddressesWithErrorsNextToTheirFields() throws Exception {
    String email = "book-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    api.registerCustomer(email, PASSWORD, "Ada Lovelace");
    browser.visible("login-link").click();
    browser.visible("login-email").sendKeys(email);
    browser.driver().findElement(Browser.testId("login-password")).sendKeys(PASSWORD);
    browser.driver().findElement(Browser.testId("login-submit")).click();
    browser.until("the account page", d -> browser.location().equals("/account"));
    browser.visible("address-empty");

    browser.visible("address-add").click();
    browser.visible("address-name").sendKeys("Ada Lovelace");
    browser.visible("address-line1").sendKeys("Unter den Linden 1");
    browser.visible("address-postalCode").sendKeys("10117!");
    browser.visible("address-save").click();
    WebElement city = browser.visible("address-city");
    browser.until("the errors next to postal code and city", d ->
      d.findElement(By.id("address-postalCode-error")).getText().contains("letters, digits")
        && d.findElement(By.id("address-city-error")).getText().equals("Please fill this in."));
    browser.screenshots("address-book-errors");

    // not a German postal code: said with an example
    browser.visible("address-postalCode").sendKeys(Keys.chord(Keys.CONTROL, "a"), "1011");
    browser.visible("address-save").click();
    browser.until("the postal code's format", d ->
      d.findElement(By.id("address-postalCode-error")).getText().equals("Please enter a postal code such as 10117."));
    browser.visible("address-postalCode").sendKeys(Keys.chord(Keys.CONTROL, "a"), "10117");
    city.sendKeys("Berlin");
    browser.visible("address-save").click();
    WebElement item = browser.visible("address-item");
    assertTrue(item.getText().contains("10117 Berlin"), item.getText());
    assertTrue(item.getText().contains("Germany"), item.getText());
    browser.visible("default-shipping");
    browser.visible("default-billing");

    browser.visible("address-add").click();
    browser.visible("address-name").sendKeys("Ada at work");
    browser.visible("address-line1").sendKeys("Ringstraße 2");
    browser.visible("address-postalCode").sendKeys("1010");
    browser.visible("address-city").sendKeys("Wien");
    new Select(browser.visible("address-country")).selectByValue("AT");
    browser.visible("address-default-shipping").click();
    browser.visible("address-save").click();
    browser.until("two addresses, Vienna first", d -> {
      var items = d.findElements(Browser.testId("address-item"));
      return items.size() == 2 && items.get(0).getText().contains("Wien") && items.get(0).getText().contains("Austria");
    });
    browser.screenshots("address-book");
    String token = api.customerToken(email, PASSWORD);
    JsonArray book = RunningEngine.client().get("/api/v1/me/addresses").bearerTokenAuthentication(token).send()
      .await(10, TimeUnit.SECONDS).bodyAsJsonObject().getJsonArray("items");
    assertEquals("AT", book.getJsonObject(0).getString("country"));
    assertTrue(book.getJsonObject(0).getBoolean("defaultShipping"));
    assertTrue(book.getJsonObject(1).getBoolean("defaultBilling"));

    browser.driver().findElements(Browser.testId("address-edit")).get(1).click();
    browser.visible("address-city").sendKeys(Keys.chord(Keys.CONTROL, "a"), "Potsdam");
    browser.visible("address-save").click();
    browser.until("the edited city", d -> d.findElements(Browser.testId("address-item")).get(1).getText().contains("10117 Potsdam"));

    browser.driver().findElements(Browser.testId("address-remove")).get(0).click();
    browser.until("one address left", d -> d.findElements(Browser.testId("address-item")).size() == 1);

    // Dubai has no postal codes: the field is optional there, and the saved address has none
    browser.visible("address-add").click();
    browser.visible("address-name").sendKeys("Ada in Dubai");
    browser.visible("address-line1").sendKeys("Sheikh Zayed Road 1");
    browser.visible("address-city").sendKeys("Dubai");
    WebElement postalCode = browser.visible("address-postalCode");
    assertEquals("true", postalCode.getDomAttribute("required"), "required in Germany, the form's first country");
    new Select(browser.visible("address-country")).selectByValue("AE");
    browser.until("the postal code optional", d -> postalCode.getDomAttribute("required") == null);
    browser.screenshots("address-form-no-postal-code");
    browser.visible("address-save").click();
    browser.until("the address in Dubai", d -> {
      var items = d.findElements(Browser.testId("address-item"));
      return items.size() == 2 && items.stream().anyMatch(i -> i.getText().contains("Dubai") && i.getText().contains("United Arab Emirates"));
    });
    assertFalse(browser.driver().findElement(By.cssSelector(".address-list")).getText().contains("null"));
    browser.screenshots("address-book-no-postal-code");
  }

}
