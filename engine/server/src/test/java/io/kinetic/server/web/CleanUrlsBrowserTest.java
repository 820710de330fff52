package io.kinetic.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.server.RunningEngine;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The storefront at clean addresses in a real browser: a product's address opens its page directly
 * (with the server's head in place until the app takes over), a category link leads to
 * {@code /c/<slug>}, the sort and price range go into the address and survive a reload and back,
 * an address of an earlier version ({@code #/product/<slug>}) lands on the clean one, and an unknown
 * address shows the app's "page not found".
 */
class CleanUrlsBrowserTest {

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

  @Test
  void productCategoryFiltersAndOldAddresses() throws Exception {
    Browser.assumeInstalled();
    // a seeded product (in a category): products other tests create without one may be deleted meanwhile
    String seededCategory = api.get("/api/v1/categories").getJsonArray("items").stream().map(JsonObject.class::cast)
      .filter(c -> c.getString("parentId") != null).findFirst().orElseThrow().getString("id");
    JsonObject first = api.get("/api/v1/products?limit=1&category=" + seededCategory).getJsonArray("items").getJsonObject(0);
    String slug = first.getString("slug");

    // straight to a product's address: the server's title is there before the app, the app shows the product
    browser.openFresh("/p/" + slug);
    browser.until("the product's page", d -> !d.findElements(Browser.testId("product-name")).isEmpty());
    assertEquals(first.getString("name"), browser.visible("product-name").getText());
    assertEquals("/p/" + slug, browser.location());
    String canonical = (String) browser.script("return document.querySelector('link[rel=canonical]').href;");
    assertTrue(canonical.endsWith("/p/" + slug), canonical);
    browser.screenshots("clean-url-product");

    // a category from the menu: /c/<slug>; a sort goes into the address and survives a reload
    JsonArray categories = api.get("/api/v1/categories").getJsonArray("items");
    JsonObject category = categories.getJsonObject(0);
    browser.open("/");
    By link = By.cssSelector("[data-testid=category-link][data-category-id='" + category.getString("id") + "']");
    browser.until("the category menu", d -> !d.findElements(link).isEmpty());
    browser.driver().findElement(link).click();
    String categoryPath = "/c/" + category.getString("slug");
    browser.until("the category's address", d -> browser.location().equals(categoryPath));
    browser.until("the category's title", d -> category.getString("name").equals(d.findElement(Browser.testId("page-title")).getText()));
    new Select(browser.visible("sort-select")).selectByValue("price_asc");
    browser.until("the sort in the address", d -> browser.location().equals(categoryPath + "?sort=price_asc"));
    browser.visible("min-price").sendKeys("1");
    browser.visible("apply-filters").click();
    browser.until("the range in the address", d -> browser.location().equals(categoryPath + "?sort=price_asc&min=1"));
    List<String> sorted = names();
    browser.driver().navigate().refresh();
    browser.until("the category again", d -> category.getString("name").equals(d.findElement(Browser.testId("page-title")).getText()));
    assertEquals("price_asc", new Select(browser.visible("sort-select")).getFirstSelectedOption().getAttribute("value"));
    assertEquals("1", browser.visible("min-price").getAttribute("value"));
    browser.until("the same products in the same order", d -> names().equals(sorted));
    browser.screenshots("clean-url-category-sorted");

    // back to the home page and forward again
    browser.driver().navigate().back();
    browser.until("back home", d -> browser.location().equals("/"));
    browser.driver().navigate().forward();
    browser.until("forward to the sorted category", d -> browser.location().equals(categoryPath + "?sort=price_asc&min=1"));

    // an address of an earlier version
    browser.open("/#/product/" + slug);
    browser.until("the clean address", d -> browser.location().equals("/p/" + slug) && browser.hash().isEmpty());
    browser.until("the product's page", d -> !d.findElements(Browser.testId("product-name")).isEmpty());

    // an unknown address: the app's page-not-found
    browser.open("/no-such-page");
    browser.until("page not found", d -> d.findElement(By.tagName("main")).getText().contains("Page not found"));
    browser.assertNoErrors(java.util.regex.Pattern.compile("/no-such-page - Failed to load resource: the server responded with a status of 404"));
  }

  @Test
  void onAPhoneTheCategoriesAreBehindAMenuAndTheFiltersBehindAButton() throws Exception {
    Browser.assumeInstalled();
    JsonObject category = api.get("/api/v1/categories").getJsonArray("items").getJsonObject(0);
    browser.phone(true);
    try {
      browser.openFresh("/");
      WebElement toggle = browser.visible("category-menu-toggle");
      By categoryLink = By.cssSelector("[data-testid=category-link][data-category-id='" + category.getString("id") + "']");
      browser.until("the category menu (closed)", d -> !d.findElements(categoryLink).isEmpty());
      WebElement link = browser.driver().findElement(categoryLink);
      assertTrue(!link.isDisplayed(), "the categories wait behind the menu button");
      assertTrue(toggle.getSize().getHeight() >= 44, "a touch target of 44 px at least: " + toggle.getSize());
      toggle.click();
      browser.until("the menu is open", d -> link.isDisplayed());
      assertEquals("true", toggle.getAttribute("aria-expanded"));
      link.click();
      browser.until("the category", d -> browser.location().equals("/c/" + category.getString("slug")));
      browser.until("the menu closed", d -> "false".equals(d.findElement(Browser.testId("category-menu-toggle")).getAttribute("aria-expanded")));

      // the products come first: the filters open from their button
      assertTrue(!browser.driver().findElement(Browser.testId("sort-select")).isDisplayed(), "the filters wait behind their button");
      browser.visible("filters-toggle").click();
      browser.until("the filters", d -> d.findElement(Browser.testId("sort-select")).isDisplayed());
      browser.screenshots("phone-category-filters-open");
    } finally {
      browser.phone(false);
    }
  }

  @Test
  void theFirstViewLoadsLessThan200KbOfScriptsAndStylesCompressed() throws Exception {
    Browser.assumeInstalled();
    browser.openFresh("/");
    browser.clearCache();
    browser.driver().navigate().refresh();
    browser.until("the products", d -> !d.findElements(Browser.testId("product-card")).isEmpty());
    Thread.sleep(1_000); // the last modules and the recommendations' row
    String scriptsAndStyles = "performance.getEntriesByType('resource').filter((e) => /\\.(js|css)(\\?|$)/.test(e.name))";
    Number bytes = (Number) browser.script("return " + scriptsAndStyles + ".reduce((sum, e) => sum + e.transferSize, 0);");
    Number files = (Number) browser.script("return " + scriptsAndStyles + ".length;");
    assertTrue(files.intValue() > 10, "the app's modules were loaded: " + files);
    assertTrue(bytes.longValue() > 20_000, "transfer sizes are reported: " + bytes);
    assertTrue(bytes.longValue() < 200_000, "scripts and styles of the first view, compressed: " + bytes + " bytes in " + files + " files");
    String encoding = (String) browser.script("const x = new XMLHttpRequest(); x.open('GET', '/assets/app.css', false);"
      + " x.setRequestHeader('Cache-Control', 'no-cache'); x.send(); return x.getResponseHeader('content-encoding');");
    assertEquals("gzip", encoding);
  }

  private static List<String> names() {
    return browser.driver().findElements(By.cssSelector(".grid [data-testid=product-name]"))
      .stream().map(WebElement::getText).toList();
  }
}
