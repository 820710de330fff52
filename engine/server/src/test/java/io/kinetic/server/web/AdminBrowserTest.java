package io.kinetic.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.server.RunningEngine;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The admin SPA in a real headless Chromium against the real engine: staff login through the form, and
 * an edit saved in the browser that the storefront API then serves (through the catalog and its cache).
 * It edits only a product it created itself.
 */
// creates products the storefront shows: not while StorefrontBrowserTest counts what it shows
@ResourceLock(value = "storefront-catalogue", mode = ResourceAccessMode.READ)
class AdminBrowserTest {

  private static final Pattern FAILED_LOGIN =
    Pattern.compile("/api/v1/admin/auth/login - Failed to load resource: the server responded with a status of 401");
  private static EngineApi api;
  private static Browser browser;
  private static String token;

  @BeforeAll
  static void start() throws Exception {
    if (!Browser.installed()) {
      return; // each test then reports itself skipped, with the reason
    }
    api = new EngineApi(RunningEngine.client());
    token = api.staffToken();
    browser = Browser.start(RunningEngine.httpPort());
    browser.open("/admin/#/login");
    browser.assertCspViolationsAreReported();
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  @BeforeEach
  void signedOut() {
    Browser.assumeInstalled();
    browser.openFresh("/admin/#/login");
  }

  @AfterEach
  void noJavaScriptErrors() {
    if (browser != null) {
      browser.assertNoErrors();
    }
  }

  @Test
  void aWrongPasswordShowsInvalidCredentials() {
    submitLogin(RunningEngine.ADMIN_EMAIL, "not-the-password-" + UUID.randomUUID());

    WebElement banner = browser.visible("error-banner");
    assertEquals("INVALID_CREDENTIALS", banner.getAttribute("data-code"));
    assertEquals("E-mail or password is wrong", browser.visible("error-detail").getText(), "a sentence: capitalized");
    assertEquals("#/login", browser.hash(), "still on the login form");
    assertTrue(browser.driver().findElements(Browser.testId("logout-button")).isEmpty(), "not signed in");
    browser.assertNoErrors(FAILED_LOGIN);
  }

  @Test
  void aPriceChangedInTheEditorIsServedByTheStorefront() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String name = "Browser tee " + suffix;
    String first = "BRW-" + suffix + "-A";
    String second = "BRW-" + suffix + "-B";
    String id = api.createProduct(token, "browser-" + suffix, name, new JsonArray()
      .add(EngineApi.variant(first, 1500, 1700, 5))
      .add(EngineApi.variant(second, 1600, 1800, 5))).getString("id");
    try {
      assertEquals(1500, EngineApi.price(variant(api.get("/api/v1/products/" + id), first), "EUR"), "now in the read cache");
      submitLogin(RunningEngine.ADMIN_EMAIL, RunningEngine.ADMIN_PASSWORD);
      browser.until("the products page", d -> browser.hash().equals("#/products"));
      browser.visible("staff-name");
      browser.until("a page of product rows", d -> d.findElements(Browser.testId("admin-product-row")).size() == 20);

      By link = By.cssSelector("[data-testid=admin-product-row][data-id='" + id + "'] [data-testid=admin-product-link]");
      WebElement row = browser.until("the new product's row", d -> d.findElements(link).stream().findFirst().orElse(null));
      assertEquals(name, row.getText());
      row.click();
      browser.until("the editor of " + id, d -> browser.hash().equals("#/products/" + id));

      By eurOfFirst = By.cssSelector("[data-testid=variant-row][data-sku='" + first + "'] [data-testid=edit-price]");
      WebElement eur = browser.until("the first variant's EUR price",
        d -> d.findElements(eurOfFirst).stream().filter(e -> "15.00".equals(e.getDomProperty("value"))).findFirst().orElse(null));
      String version = browser.visible("product-version").getText();
      eur.sendKeys(Keys.chord(Keys.CONTROL, "a"), "17.25");
      browser.visible("save-product").click();
      // the notice shows for a few seconds: look for it together with the new version, not after it
      browser.until("the saved product's new version and the notice", d ->
        !version.equals(d.findElement(Browser.testId("product-version")).getText())
          && d.findElements(Browser.testId("notice")).stream().anyMatch(n -> n.getText().equals("Product saved")));

      JsonObject served = api.get("/api/v1/products/" + id);
      JsonObject firstVariant = variant(served, first);
      assertEquals(1725, EngineApi.price(firstVariant, "EUR"), "the new price, not a cached one");
      assertEquals(1700, EngineApi.price(firstVariant, "USD"), "the other currency is kept");
      assertEquals(1600, EngineApi.price(variant(served, second), "EUR"), "the other variant is kept");
    } finally {
      api.deleteProduct(token, id);
    }
  }

  @Test
  void staffFindProductsBySkuAndUnpublishAndDeleteThemTogether() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    var ids = new java.util.ArrayList<String>();
    for (String letter : List.of("a", "b")) {
      ids.add(api.createProduct(token, "bulk-" + letter + "-" + suffix, "Bulk " + letter + " " + suffix, new JsonArray()
        .add(EngineApi.variant("BULK-" + suffix + "-" + letter, 1500, 1700, 5))).getString("id"));
    }
    submitLogin(RunningEngine.ADMIN_EMAIL, RunningEngine.ADMIN_PASSWORD);
    browser.until("the products page", d -> browser.hash().equals("#/products"));
    browser.visible("product-search").sendKeys("bulk-" + suffix.toUpperCase());
    browser.until("the two products found by SKU", d -> d.findElements(Browser.testId("admin-product-row")).size() == 2
      && d.findElements(Browser.testId("admin-product-row")).stream().allMatch(r -> ids.contains(r.getAttribute("data-id"))));
    browser.visible("choose-all").click();
    browser.visible("bulk-unpublish").click();
    browser.until("both unpublished", d -> {
      try {
        return ids.stream().allMatch(id -> {
          try {
            return "DRAFT".equals(api.adminProduct(token, id).getString("status"));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
      } catch (IllegalStateException e) {
        return false;
      }
    });
    browser.until("the list shows them as drafts", d -> d.findElements(Browser.testId("admin-product-row")).stream()
      .allMatch(r -> r.getText().contains("DRAFT")));
    browser.screenshots("admin-products-search");
    browser.visible("choose-all").click();
    browser.visible("bulk-delete").click();
    browser.driver().switchTo().alert().accept();
    browser.until("both deleted", d -> d.findElements(Browser.testId("admin-product-row")).isEmpty());
    for (String id : ids) {
      var gone = RunningEngine.client().get("/api/v1/admin/products/" + id).bearerTokenAuthentication(token).send()
        .await(10, java.util.concurrent.TimeUnit.SECONDS);
      assertEquals(404, gone.statusCode(), gone.bodyAsString());
    }
  }

  @Test
  void aSignedInStaffMemberStaysSignedInAcrossAReloadUntilLoggingOut() {
    submitLogin(RunningEngine.ADMIN_EMAIL, RunningEngine.ADMIN_PASSWORD);
    browser.until("the products page", d -> browser.hash().equals("#/products"));
    browser.visible("staff-name");
    Map<String, Object> cookie = browser.cookies().get("kinetic_admin_refresh");
    assertTrue(cookie != null, "the staff refresh cookie is set: " + browser.cookies().keySet());
    assertEquals(true, cookie.get("httpOnly"), cookie.toString());
    assertEquals("Strict", cookie.get("sameSite"), cookie.toString());
    assertEquals("/api/v1/admin/auth", cookie.get("path"), cookie.toString());
    assertEquals(true, cookie.get("session"), "ends with the browser session: " + cookie);
    String token = (String) cookie.get("value");
    assertTrue(browser.storage().stream().noneMatch(s -> s.contains(token)), "no refresh token in page storage: " + browser.storage());

    browser.driver().navigate().refresh();
    browser.visible("staff-name");
    browser.until("a page of product rows after the reload", d -> d.findElements(Browser.testId("admin-product-row")).size() == 20);
    assertEquals("#/products", browser.hash());

    browser.visible("logout-button").click();
    browser.visible("login-form");
    assertFalse(browser.cookies().containsKey("kinetic_admin_refresh"), "logging out drops the cookie");
    browser.driver().navigate().refresh();
    browser.visible("login-form");
    assertEquals("#/login", browser.hash(), "still signed out after a reload");
  }

  private static void submitLogin(String email, String password) {
    browser.visible("login-email").sendKeys(email);
    browser.driver().findElement(Browser.testId("login-password")).sendKeys(password);
    browser.driver().findElement(Browser.testId("login-submit")).click();
  }

  private static JsonObject variant(JsonObject product, String sku) {
    return product.getJsonArray("variants").stream().map(JsonObject.class::cast)
      .filter(v -> sku.equals(v.getString("sku"))).findFirst().orElseThrow(() -> new AssertionError("no variant " + sku));
  }
}
