package io.kinetic.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.server.RunningEngine;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The storefront's cart in a real headless Chromium against the real engine: the product page's buy
 * box, the mini-cart, the cart page, the guest cart across a reload and a sign-in, the wishlist, and
 * a price change that shows without a reload. Each test buys only products it created itself.
 */
// creates products: never while StorefrontBrowserTest compares the home page with the API
@ResourceLock(value = "storefront-catalogue", mode = ResourceAccessMode.READ)
class CartBrowserTest {

  private static final String PASSWORD = "correct horse battery staple";
  private static final long EUR = 1999;
  private static final Pattern OUT_OF_STOCK =
    Pattern.compile("/api/v1/cart/lines\\S* - Failed to load resource: the server responded with a status of 409");
  private static final Pattern NO_CART =
    Pattern.compile("/api/v1/cart\\S* - Failed to load resource: the server responded with a status of 404");
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
  void addedFromTheProductPageTheLineShowsInTheMiniCartAndOnTheCartPageWhereItChangesAndGoes() throws Exception {
    JsonObject product = product(10);
    String sku = sku(product);
    openProduct(product);
    // every cart write carries an Idempotency-Key (a retry after a lost answer is applied once)
    ((JavascriptExecutor) browser.driver()).executeScript("""
      const send = window.fetch; window.keyed = [];
      window.fetch = (url, options) => {
        if (options && options.method !== 'GET' && String(url).includes('/api/v1/cart')) window.keyed.push(options.method + ' ' + url + ' ' + (options.headers || {})['Idempotency-Key']);
        return send(url, options);
      };""");
    browser.visible("qty-increase").click();
    browser.visible("add-to-cart").click();
    browser.visible("added-to-cart");
    miniCartShows(2);
    List<?> keyed = (List<?>) ((JavascriptExecutor) browser.driver()).executeScript("return window.keyed");
    assertTrue(!keyed.isEmpty() && keyed.stream().allMatch(k -> k.toString().matches("\\S+ \\S+ [0-9a-f]{32}")), keyed.toString());

    browser.visible("mini-cart").click();
    browser.until("the cart page", d -> browser.location().equals("/cart"));
    assertEquals(product.getString("name"), line(sku).findElement(Browser.testId("line-name")).getText());
    lineShows(sku, 2);

    line(sku).findElement(Browser.testId("qty-increase")).click();
    lineShows(sku, 3);
    miniCartShows(3);
    assertEquals(EngineApi.formatted(3 * EUR, "EUR"), browser.visible("cart-subtotal").getText());
    JsonObject served = api.guestCart(storedToken());
    assertEquals(3, served.getJsonArray("lines").getJsonObject(0).getInteger("quantity"), served.encode());
    // a countdown, not a time of day
    assertTrue(browser.visible("reservation-countdown").getText().matches("Reserved for another 1[45] min \\d{1,2} s"),
      browser.visible("reservation-countdown").getText());

    line(sku).findElement(Browser.testId("qty-decrease")).click();
    lineShows(sku, 2);
    line(sku).findElement(Browser.testId("remove-line")).click();
    browser.visible("cart-empty");
    miniCartShows(0);
    assertEquals(0, api.guestCart(storedToken()).getJsonArray("lines").size());
  }

  @Test
  void theGuestCartSurvivesAReloadAndATokenThatNamesNoCartIsDroppedSilently() throws Exception {
    JsonObject product = product(5);
    addFromProductPage(product);
    String token = storedToken();
    assertNotNull(token, "the guest token is kept in localStorage");
    assertEquals(1, api.guestCart(token).getInteger("itemCount"));

    browser.driver().navigate().refresh();
    miniCartShows(1);
    browser.open("/cart");
    line(sku(product));
    assertEquals(token, storedToken(), "the same cart after the reload");

    // a token of a cart that expired or was merged elsewhere: forgotten without a word
    browser.script("localStorage.setItem('kinetic.cart.token', 'no-such-cart-' + Date.now());");
    browser.driver().navigate().refresh();
    browser.visible("cart-empty");
    browser.until("the stale token dropped", d -> storedToken() == null);
    miniCartShows(0);
    assertTrue(browser.driver().findElements(Browser.testId("error-banner")).isEmpty(), "no error shown");
    browser.assertNoErrors(NO_CART);
  }

  @Test
  void addingMoreThanIsLeftSaysHowManyAreLeftInThePagesLanguage() throws Exception {
    JsonObject product = product(10);
    String sku = sku(product);
    openProduct(product);
    browser.visible("qty-increase").click();
    browser.visible("qty-increase").click();
    api.setStock(staff, sku, 2); // sold elsewhere while the shopper chose
    browser.visible("add-to-cart").click();

    assertEquals("Only 2 left.", browser.visible("add-to-cart-error").getText());
    browser.until("the quantity lowered to what is left",
      d -> "2".equals(d.findElement(Browser.testId("qty-input")).getDomProperty("value")));
    miniCartShows(0);

    new Select(browser.visible("locale-select")).selectByValue("de");
    browser.until("the error in German", d -> "Nur noch 2 verfügbar.".equals(d.findElement(Browser.testId("add-to-cart-error")).getText()));
    api.setStock(staff, sku, 1);
    browser.visible("add-to-cart").click();
    browser.until("the new refusal in German",
      d -> "Nur noch 1 verfügbar.".equals(d.findElement(Browser.testId("add-to-cart-error")).getText()));
    miniCartShows(0);
    browser.assertNoErrors(OUT_OF_STOCK);
  }

  @Test
  void aTypedQuantityBeyondTheStockIsLoweredAndTheCartPageSaysWhyInThePagesLanguage() throws Exception {
    JsonObject product = product(42);
    String sku = sku(product);
    addFromProductPage(product);
    browser.visible("mini-cart").click();
    lineShows(sku, 1);

    WebElement input = line(sku).findElement(Browser.testId("qty-input"));
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), "999", Keys.TAB);
    lineShows(sku, 42);
    assertEquals("Only 42 left, so the quantity is 42.", line(sku).findElement(Browser.testId("line-capped")).getText());
    assertEquals(42, api.guestCart(storedToken()).getJsonArray("lines").getJsonObject(0).getInteger("quantity"));
    browser.screenshots("cart-quantity-capped");
    new Select(browser.visible("locale-select")).selectByValue("de");
    browser.until("the note in German",
      d -> "Nur noch 42 verfügbar, daher ist die Menge 42.".equals(line(sku).findElement(Browser.testId("line-capped")).getText()));
    assertTrue(browser.visible("reservation-countdown").getText().matches("Noch 1[45] Min\\. \\d{1,2} Sek\\. für Sie reserviert"),
      browser.visible("reservation-countdown").getText());
    browser.screenshots("cart-german");

    new Select(browser.visible("locale-select")).selectByValue("en");
    line(sku).findElement(Browser.testId("qty-decrease")).click();
    browser.until("the note gone after a change", d -> line(sku).findElements(Browser.testId("line-capped")).isEmpty());
    lineShows(sku, 41);
  }

  @Test
  void theCartPageShowsAPriceChangeMadeInTheAdminWithoutAReload() throws Exception {
    JsonObject product = product(10);
    String sku = sku(product);
    addFromProductPage(product);
    browser.visible("mini-cart").click();
    lineShows(sku, 1);
    browser.script("window.kineticSamePage = true;");

    api.setPrice(staff, sku, "EUR", 1499);
    // over a subscription within a second or so; without one (no cartChanged yet) the page polls every 15 s
    String expected = "Price changed: was " + EngineApi.formatted(EUR, "EUR") + ", now " + EngineApi.formatted(1499, "EUR");
    browser.until("the price change on the cart page", Duration.ofSeconds(30),
      d -> d.findElements(By.cssSelector("[data-testid=cart-line] [data-testid=flag-price]")).stream()
        .anyMatch(e -> expected.equals(e.getText())));
    assertEquals(EngineApi.formatted(1499, "EUR"), line(sku).findElement(Browser.testId("line-total")).getText());
    assertEquals(true, browser.script("return window.kineticSamePage === true;"), "the page was not reloaded");

    browser.visible("acknowledge-changes").click();
    browser.until("the notice gone", d -> d.findElements(Browser.testId("flag-price")).isEmpty()
      && d.findElements(Browser.testId("price-notice")).isEmpty());
    assertFalse(api.guestCart(storedToken()).getBoolean("hasChanges"), "acknowledged on the server");
  }

  @Test
  void aCartSwitchedToAnotherCurrencyElsewhereIsAdoptedByTheHeaderAndNeverSwitchedBack() throws Exception {
    JsonObject product = product(5);
    String sku = sku(product);
    addFromProductPage(product);
    browser.visible("mini-cart").click();
    lineShows(sku, 1);
    browser.script("""
      const send = window.fetch; window.currencyPuts = 0;
      window.fetch = (url, options) => {
        if (options && options.method === 'PUT' && String(url).includes('/api/v1/cart/currency')) window.currencyPuts++;
        return send(url, options);
      };""");

    // another device (or tab) of the same shopper, whose header says USD, switches the cart
    api.setGuestCartCurrency(storedToken(), "USD");
    browser.until("the header adopting the cart's USD", Duration.ofSeconds(30),
      d -> "USD".equals(new Select(d.findElement(Browser.testId("currency-select"))).getFirstSelectedOption().getAttribute("value")));
    browser.until("the subtotal in USD", d -> EngineApi.formatted(2199, "USD").equals(d.findElement(Browser.testId("cart-subtotal")).getText()));
    assertTrue(browser.visible("currency-notice").getText().contains("USD"), browser.visible("currency-notice").getText());
    assertEquals("USD", browser.script("return localStorage.getItem('kinetic.currency');"));
    browser.screenshots("cart-currency-adopted");
    Thread.sleep(2000);
    assertEquals(0L, browser.script("return window.currencyPuts;"), "this tab never sets the currency back");
    assertEquals("USD", api.guestCart(storedToken()).getString("currency"));

    // only the shopper's own pick changes the cart's currency
    new Select(browser.visible("currency-select")).selectByValue("EUR");
    browser.until("the subtotal in EUR", d -> EngineApi.formatted(EUR, "EUR").equals(d.findElement(Browser.testId("cart-subtotal")).getText()));
    browser.until("the notice gone", d -> d.findElements(Browser.testId("currency-notice")).isEmpty());
    assertEquals(1L, browser.script("return window.currencyPuts;"));
    assertEquals("EUR", api.guestCart(storedToken()).getString("currency"));
  }

  @Test
  void signingInMergesTheGuestCartAndTheWishlistMovesASavedItemIntoIt() throws Exception {
    JsonObject bought = product(5);
    JsonObject saved = product(5);
    String email = "cart-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    api.registerCustomer(email, PASSWORD, "Grace Hopper");
    addFromProductPage(bought);
    String guestToken = storedToken();

    browser.visible("login-link").click();
    browser.visible("login-email").sendKeys(email);
    browser.driver().findElement(Browser.testId("login-password")).sendKeys(PASSWORD);
    browser.driver().findElement(Browser.testId("login-submit")).click();
    browser.until("the account page", d -> browser.location().equals("/account"));
    browser.until("the guest token forgotten", d -> storedToken() == null);
    miniCartShows(1);
    assertEquals(404, api.guestCartStatus(guestToken), "the guest cart was merged away");
    String customer = api.customerToken(email, PASSWORD);
    assertEquals(sku(bought), api.customerCart(customer).getJsonArray("lines").getJsonObject(0).getString("sku"));

    openProduct(saved);
    WebElement heart = browser.until("the wishlist button", d -> {
      var found = d.findElements(Browser.testId("wishlist-toggle"));
      return !found.isEmpty() && found.get(0).isEnabled() ? found.get(0) : null;
    });
    heart.click();
    browser.until("saved", d -> "true".equals(d.findElement(Browser.testId("wishlist-toggle")).getAttribute("aria-pressed")));

    browser.visible("wishlist-link").click();
    WebElement item = browser.visible("wishlist-item");
    assertEquals(saved.getString("name"), item.findElement(Browser.testId("wishlist-name")).getText());
    item.findElement(Browser.testId("move-to-cart")).click();
    miniCartShows(2);
    browser.visible("wishlist-empty");
    assertEquals(2, api.customerCart(customer).getInteger("itemCount"));
  }

  /** A published product of one variant (size M) with {@code stock} units, at €19.99 / $21.99 (with its "name"). */
  private static JsonObject product(int stock) throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String name = "Cart test " + suffix;
    return api.createProduct(staff, "cart-" + suffix, name,
      new JsonArray().add(EngineApi.variant("CART-" + suffix + "-M", EUR, 2199, stock))).put("name", name);
  }

  private static String sku(JsonObject product) {
    return product.getJsonArray("variants").getJsonObject(0).getString("sku");
  }

  /** Opens the product page and waits until its buy box can add this product. */
  private static void openProduct(JsonObject product) {
    String name = product.getString("name");
    browser.open("/p/" + product.getString("slug"));
    browser.until("the buy box of " + name, d -> {
      var title = d.findElements(By.cssSelector("[data-testid=product-detail] [data-testid=product-name]"));
      var add = d.findElements(Browser.testId("add-to-cart"));
      return !title.isEmpty() && name.equals(title.get(0).getText()) && !add.isEmpty() && add.get(0).isEnabled();
    });
  }

  private static void addFromProductPage(JsonObject product) {
    openProduct(product);
    browser.visible("add-to-cart").click();
    browser.visible("added-to-cart");
  }

  private static void miniCartShows(int items) {
    String n = String.valueOf(items);
    browser.until("the mini-cart showing " + n, d -> n.equals(d.findElement(Browser.testId("mini-cart-count")).getText()));
  }

  private static WebElement line(String sku) {
    return browser.until("the cart line of " + sku, d -> {
      var found = d.findElements(By.cssSelector("[data-testid=cart-line][data-sku='" + sku + "']"));
      return found.isEmpty() ? null : found.get(0);
    });
  }

  /** Waits until the line shows the quantity and its total at €19.99 each. */
  private static void lineShows(String sku, int quantity) {
    String total = EngineApi.formatted(quantity * EUR, "EUR");
    browser.until("the line of " + sku + " at " + quantity, d -> {
      WebElement line = line(sku);
      return String.valueOf(quantity).equals(line.findElement(Browser.testId("qty-input")).getDomProperty("value"))
        && total.equals(line.findElement(Browser.testId("line-total")).getText());
    });
  }

  private static String storedToken() {
    return (String) browser.script("return localStorage.getItem('kinetic.cart.token');");
  }
}
