package io.kinetic.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.server.RunningEngine;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The storefront SPA in a real headless Chromium against the real engine: what it shows must be what
 * the storefront API serves. Other test classes add products concurrently (always without categories),
 * so comparisons use seeded products (they have a category) or the overlap with an API answer.
 */
// tests that create products (shared among themselves) never run while this one compares the home page with the API
@ResourceLock(value = "storefront-catalogue", mode = ResourceAccessMode.READ_WRITE)
class StorefrontBrowserTest {

  private static final int PAGE_SIZE = 20;
  private static final String PASSWORD = "correct horse battery staple";
  private static final Pattern FAILED_LOGIN =
    Pattern.compile("/api/v1/auth/login - Failed to load resource: the server responded with a status of 401");
  private static EngineApi api;
  private static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    if (!Browser.installed()) {
      return; // each test then reports itself skipped, with the reason
    }
    api = new EngineApi(RunningEngine.client());
    browser = Browser.start(RunningEngine.httpPort());
    browser.open("/");
    browser.assertLogsAreCaptured();
    browser.assertCspViolationsAreReported();
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
  void homeShowsTheEnginesProductsWithNamesAndPrices() throws Exception {
    List<Map<String, String>> cards = cardsAtLeast(PAGE_SIZE);
    Map<String, JsonObject> served = EngineApi.bySlug(api.get("/api/v1/products?limit=20"));

    assertEquals(PAGE_SIZE, cards.size(), "one page of cards");
    int compared = 0;
    for (var card : cards) {
      JsonObject product = served.get(card.get("slug"));
      if (product != null) {
        assertEquals(product.getString("name"), card.get("name"), card.get("slug"));
        assertEquals(EngineApi.cardPrice(product, "EUR"), card.get("price"), card.get("slug"));
        compared++;
      }
    }
    assertTrue(compared >= PAGE_SIZE - 3, "the browser shows the API's first page, only " + compared + " in common");
  }

  @Test
  void clickingACardOpensItsProductPage() throws Exception {
    cardsAtLeast(PAGE_SIZE);
    JsonObject product = firstSeededOnHome();
    String slug = product.getString("slug");
    browser.driver().findElement(By.cssSelector("[data-testid=product-card][data-slug='" + slug + "'] a")).click();

    browser.until("product route", d -> browser.location().equals("/p/" + slug));
    assertDetail("product-name", product.getString("name"));
    assertDetail("product-price", EngineApi.formatted(EngineApi.price(EngineApi.shownVariant(product), "EUR"), "EUR"));
  }

  @Test
  void switchingTheCurrencyToUsdShowsUsdPrices() throws Exception {
    cardsAtLeast(PAGE_SIZE);
    JsonObject product = firstSeededOnHome();
    browser.open("/p/" + product.getString("slug"));
    assertDetail("product-price", EngineApi.formatted(EngineApi.price(EngineApi.shownVariant(product), "EUR"), "EUR"));

    new Select(browser.visible("currency-select")).selectByValue("USD");
    String usd = EngineApi.formatted(EngineApi.price(EngineApi.shownVariant(product), "USD"), "USD");
    assertTrue(usd.startsWith("$"), usd);
    assertDetail("product-price", usd);

    browser.driver().findElement(Browser.testId("home-link")).click();
    // other test classes add EUR-only products to the shared catalogue: only products with a USD
    // price are expected to show one
    Map<String, JsonObject> served = EngineApi.bySlug(api.get("/api/v1/products?limit=20&currency=USD"));
    served.values().removeIf(card -> card.getJsonObject("priceMin") == null);
    List<Map<String, String>> cards = browser.until("home cards priced in USD", d -> {
      var now = browser.cards();
      return now.size() >= PAGE_SIZE && now.stream().filter(c -> served.containsKey(c.get("slug")))
        .allMatch(c -> c.get("price").replace("from ", "").startsWith("$")) ? now : null;
    });
    assertTrue(cards.stream().anyMatch(c -> served.containsKey(c.get("slug"))), "some home card has a USD price");
    cards.stream().filter(c -> served.containsKey(c.get("slug"))).forEach(c ->
      assertEquals(EngineApi.cardPrice(served.get(c.get("slug")), "USD"), c.get("price"), c.get("slug")));
  }

  @Test
  void aCategoryLinkShowsOnlyThatCategorysProducts() throws Exception {
    Set<String> home = cardsAtLeast(PAGE_SIZE).stream().map(c -> c.get("slug")).collect(Collectors.toSet());
    JsonObject category = null;
    Set<String> expected = Set.of();
    for (Object o : api.get("/api/v1/categories?locale=en").getJsonArray("items")) {
      JsonObject c = (JsonObject) o;
      if (c.getString("parentId") != null) {
        continue;
      }
      // a category page is a browse of the search in that category (its subcategories included)
      JsonObject page = api.get("/api/v1/search?pageSize=20&filter.category=" + c.getString("id"));
      if (page.getInteger("pages") <= 1 && page.getJsonArray("items").size() > expected.size()) {
        category = c;
        expected = EngineApi.bySlug(page).keySet();
      }
    }
    assertTrue(category != null && !expected.isEmpty(), "a top-level category with products on one page");
    String id = category.getString("id");

    By link = By.cssSelector("[data-testid=category-link][data-category-id='" + id + "']");
    browser.until("the category menu", d -> !d.findElements(link).isEmpty());
    browser.driver().findElement(link).click();
    String categorySlug = category.getString("slug");
    browser.until("category route", d -> browser.location().equals("/c/" + categorySlug));
    String name = category.getString("name");
    browser.until("category title " + name, d -> name.equals(d.findElement(Browser.testId("page-title")).getText()));
    Set<String> wanted = expected;
    Supplier<Set<String>> shown = () -> browser.cards().stream().map(c -> c.get("slug")).collect(Collectors.toSet());
    try {
      browser.until("exactly the category's products", d -> shown.get().equals(wanted));
    } catch (TimeoutException e) {
      assertEquals(wanted, shown.get(), "the category page shows what the search serves for the category");
    }
    assertTrue(home.stream().anyMatch(slug -> !wanted.contains(slug)), "the category filters the catalogue");
  }

  @Test
  void loadMoreAppendsTheNextPage() {
    List<Map<String, String>> first = cardsAtLeast(PAGE_SIZE);
    browser.visible("next-page").click();

    List<Map<String, String>> all = browser.until("more than one page of cards", d -> {
      var now = browser.cards();
      return now.size() > first.size() ? now : null;
    });
    List<String> slugs = all.stream().map(c -> c.get("slug")).toList();
    assertEquals(slugs.size(), new HashSet<>(slugs).size(), "no product twice: " + slugs);
    assertEquals(first.stream().map(c -> c.get("slug")).toList(), slugs.subList(0, first.size()),
      "the first page stays, the next one is appended");
  }

  @Test
  void sortingByPriceOrdersTheCards() {
    List<String> newest = cardsAtLeast(PAGE_SIZE).stream().map(c -> c.get("slug")).toList();
    new Select(browser.visible("sort-select")).selectByValue("price_asc");

    List<Map<String, String>> sorted = browser.until("cards in ascending price order", d -> {
      var now = browser.cards();
      List<Long> prices = now.stream().map(c -> amount(c.get("price"))).toList();
      return now.size() == PAGE_SIZE && prices.stream().sorted().toList().equals(prices) ? now : null;
    });
    assertNotEquals(newest, sorted.stream().map(c -> c.get("slug")).toList(), "the order changed");
    assertTrue(amount(sorted.get(0).get("price")) <= amount(sorted.get(PAGE_SIZE - 1).get("price")));
  }

  @Test
  void registeringSignsInAndTheSessionSurvivesAReloadWithTheRefreshTokenOutOfReach() {
    String email = "browser-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    browser.visible("register-link").click();
    browser.visible("register-name").sendKeys("Grace Hopper");
    browser.driver().findElement(Browser.testId("register-email")).sendKeys(email);
    browser.driver().findElement(Browser.testId("register-password")).sendKeys(PASSWORD);
    browser.driver().findElement(Browser.testId("register-submit")).click();

    browser.until("the account page", d -> browser.location().equals("/account"));
    showsAccountOf(email);
    Map<String, Object> cookie = refreshCookie();
    assertEquals(true, cookie.get("httpOnly"), cookie.toString());
    assertEquals("Strict", cookie.get("sameSite"), cookie.toString());
    assertEquals("/api/v1/auth", cookie.get("path"), cookie.toString());
    String token = (String) cookie.get("value");
    assertTrue(browser.storage().stream().noneMatch(s -> s.contains(token)), "no refresh token in page storage: " + browser.storage());

    browser.driver().navigate().refresh();
    showsAccountOf(email);
    assertNotEquals(token, refreshCookie().get("value"), "after the reload the page refreshed through the cookie, which rotated");

    browser.visible("logout-button").click();
    browser.visible("login-link");
    assertFalse(browser.cookies().containsKey("kinetic_refresh"), "logging out drops the cookie");
    browser.driver().navigate().refresh();
    browser.visible("login-link");
    assertTrue(browser.driver().findElements(Browser.testId("account-link")).isEmpty(), "still signed out after a reload");
  }

  @Test
  void aCustomerSignsInWithTheFormAfterAWrongPassword() throws Exception {
    String email = "browser-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    api.registerCustomer(email, PASSWORD, "Ada Lovelace");
    browser.visible("login-link").click();
    browser.visible("login-email").sendKeys(email);
    browser.driver().findElement(Browser.testId("login-password")).sendKeys("not-" + PASSWORD);
    browser.driver().findElement(Browser.testId("login-submit")).click();
    WebElement banner = browser.visible("error-banner");
    assertEquals("INVALID_CREDENTIALS", banner.getAttribute("data-code"));
    assertEquals("The e-mail or the password is not right.", browser.visible("error-detail").getText(), "said in words");
    assertEquals("/login", browser.location());

    var password = browser.driver().findElement(Browser.testId("login-password"));
    password.clear();
    password.sendKeys(PASSWORD);
    browser.driver().findElement(Browser.testId("login-submit")).click();
    showsAccountOf(email);
    browser.driver().navigate().refresh();
    showsAccountOf(email);
    browser.assertNoErrors(FAILED_LOGIN);
  }

  /** Each feature brings its own strings: the catalog's and the account's both follow the switch. */
  @Test
  void switchingTheLanguageTranslatesEveryFeature() throws Exception {
    browser.until("the English title", d -> "All products".equals(d.findElement(Browser.testId("page-title")).getText()));
    new Select(browser.visible("locale-select")).selectByValue("de");
    browser.until("the catalog in German", d -> "Alle Produkte".equals(d.findElement(Browser.testId("page-title")).getText()));
    browser.until("the account links in German", d -> "Anmelden".equals(d.findElement(Browser.testId("login-link")).getText()));
    // on a phone the longer German links stay on the pickers' row: the header does not grow a row for "Registrieren"
    browser.phone(true);
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> header = (Map<String, Object>) browser.script("""
        const top = (id) => document.querySelector('[data-testid=' + id + ']').getBoundingClientRect().top;
        return {login: top('login-link'), register: top('register-link'), locale: top('locale-select'),
          height: document.querySelector('.site-header').getBoundingClientRect().height};""");
      double login = ((Number) header.get("login")).doubleValue();
      assertTrue(Math.abs(login - ((Number) header.get("register")).doubleValue()) < 8, "Registrieren on a row of its own: " + header);
      assertTrue(((Number) header.get("height")).doubleValue() < 230, "the phone's header is too tall: " + header);
      browser.screenshots("header-german");
    } finally {
      browser.phone(false);
    }
    browser.visible("login-link").click();
    browser.until("the login form in German", d -> "Passwort".equals(
      d.findElement(By.cssSelector("[data-testid=login-form] label:nth-of-type(2) span")).getText()));
  }

  private static Map<String, Object> refreshCookie() {
    Map<String, Object> cookie = browser.cookies().get("kinetic_refresh");
    assertTrue(cookie != null, "the refresh cookie is set: " + browser.cookies().keySet());
    return cookie;
  }

  private static void showsAccountOf(String email) {
    browser.until("the account of " + email, d -> d.findElements(Browser.testId("account-email")).stream()
      .anyMatch(e -> email.equals(e.getText())));
  }

  private static List<Map<String, String>> cardsAtLeast(int n) {
    return browser.until(n + " product cards", d -> {
      var cards = browser.cards();
      return cards.size() >= n ? cards : null;
    });
  }

  /** The first card on the home page that is a seeded product (never deleted by another test). */
  /**
   * A product of this test's own with EUR and USD prices, newest of all and so on the home page's
   * first page (other tests' products, some with a EUR price only, come and go before it), as the
   * storefront API serves it.
   */
  private static JsonObject firstSeededOnHome() throws Exception {
    String suffix = java.util.UUID.randomUUID().toString().substring(0, 8);
    JsonObject created = api.createProduct(api.staffToken(), "home-" + suffix, "Home card " + suffix,
      new io.vertx.core.json.JsonArray().add(EngineApi.variant("HOME-" + suffix, 2499, 2799, 7)));
    browser.until("its card on the home page", java.time.Duration.ofSeconds(30), d -> {
      d.navigate().refresh(); // the list's answer may be kept a few seconds (Cache-Control): ask again until it shows
      try {
        cardsAtLeast(PAGE_SIZE);
      } catch (RuntimeException e) {
        return false;
      }
      return browser.cards().stream().anyMatch(c -> created.getString("slug").equals(c.get("slug")));
    });
    return api.get("/api/v1/products/" + created.getString("id"));
  }


  /** Waits until an element of the product detail shows {@code expected}; fails with what it shows instead. */
  private static void assertDetail(String testId, String expected) {
    By selector = By.cssSelector("[data-testid=product-detail] [data-testid=" + testId + "]");
    Function<WebDriver, String> text = d -> d.findElements(selector).stream().findFirst().map(e -> e.getText()).orElse("");
    try {
      browser.until(testId + " = " + expected, d -> expected.equals(text.apply(d)));
    } catch (TimeoutException e) {
      assertEquals(expected, text.apply(browser.driver()), testId + " on the product page");
    }
  }

  /** "from €1,234.50" -> 123450 */
  private static long amount(String label) {
    return Long.parseLong(label.replaceAll("[^0-9]", ""));
  }
}
