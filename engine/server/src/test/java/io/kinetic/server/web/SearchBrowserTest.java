package io.kinetic.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.server.RunningEngine;
import io.kinetic.server.SearchShop;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;

/**
 * Search in a real headless Chromium against the real engine: a shopper types three letters, picks
 * a suggestion with the keyboard, then searches, filters by a facet (the counts follow) and opens a
 * product; the did-you-mean of a typo in German.
 */
// creates products: never while StorefrontBrowserTest compares the home page with the API
@ResourceLock(value = "storefront-catalogue", mode = ResourceAccessMode.READ)
class SearchBrowserTest {

  private static Browser browser;
  private static SearchShop shop;

  @BeforeAll
  static void start() throws Exception {
    if (!Browser.installed()) {
      return; // each test then reports itself skipped, with the reason
    }
    shop = new SearchShop(RunningEngine.client());
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
  void aShopperTypesPicksASuggestionFiltersByAFacetAndOpensAProduct() throws Exception {
    String trail = SearchShop.brand();
    String rain = SearchShop.brand();
    JsonObject first = shop.product("Quokkavale trail jacket", null, "Light and tough.", trail, "jackets", "PUBLISHED", 8900, 5,
      Map.of("colour", "green"));
    JsonObject second = shop.product("Quokkavale rain jacket", null, "Keeps you dry.", rain, "jackets", "PUBLISHED", 12900, 5,
      Map.of("colour", "navy"));
    shop.await(r -> r.getLong("total") == 2, 10_000, "q", "quokkavale");

    // three letters: the suggestions list both names; the keyboard picks one and opens it
    WebElement input = browser.visible("search-input");
    input.sendKeys("quo");
    browser.until("suggestions", d -> suggestions().stream().filter(s -> s.startsWith("Quokkavale")).count() == 2);
    screenshots("search-suggestions");
    int index = suggestions().indexOf("Quokkavale rain jacket");
    for (int i = 0; i <= index; i++) {
      input.sendKeys(Keys.ARROW_DOWN);
    }
    assertEquals("true", browser.driver().findElements(Browser.testId("search-suggestion")).get(index).getAttribute("aria-selected"));
    input.sendKeys(Keys.ENTER);
    browser.until("the product page", d -> browser.location().equals("/p/" + second.getString("slug")));

    // a search, then a facet: the results and the other facets follow, the brand facet keeps its counts
    input = browser.visible("search-input");
    input.clear();
    input.sendKeys("quokkavale", Keys.ENTER);
    browser.until("two results", d -> cardNames().size() == 2);
    assertTrue(browser.visible("result-count").getText().startsWith("2"), browser.visible("result-count").getText());
    facetValue("brand", trail).click();
    browser.until("one result", d -> cardNames().equals(List.of("Quokkavale trail jacket")));
    assertEquals("1", count("brand", rain));
    assertEquals("true", String.valueOf(facetValue("brand", trail).isSelected()));

    // the header's box shows the results' query after a reload and when the address is opened
    browser.driver().navigate().refresh();
    browser.until("one result after the reload", d -> cardNames().equals(List.of("Quokkavale trail jacket")));
    browser.until("the query in the box", d -> "quokkavale".equals(browser.visible("search-input").getDomProperty("value")));
    browser.open("/search?q=quokkavale+rain");
    browser.until("the opened query in the box", d -> "quokkavale rain".equals(browser.visible("search-input").getDomProperty("value")));
    browser.driver().navigate().back();
    browser.until("the query of the page gone back to", d -> "quokkavale".equals(browser.visible("search-input").getDomProperty("value")));
    browser.until("one result again", d -> cardNames().equals(List.of("Quokkavale trail jacket")));
    screenshots("search-results");

    // opening the product counts as a click on the search's result
    browser.driver().findElement(Browser.testId("search-results")).findElement(By.cssSelector("a.card-link")).click();
    browser.until("the product page", d -> browser.location().equals("/p/" + first.getString("slug")));
    assertEquals("", browser.visible("search-input").getDomProperty("value"), "elsewhere the box is empty");
  }

  @Test
  void aCategoryPageFiltersByABrandFacetKeptInTheAddress() throws Exception {
    String chosen = SearchShop.brand();
    String other = SearchShop.brand();
    shop.product("Numbatine shell jacket", null, "Windproof.", chosen, "jackets", "PUBLISHED", 9900, 5, Map.of());
    shop.product("Numbatine down jacket", null, "Warm.", other, "jackets", "PUBLISHED", 15900, 5, Map.of());
    String jackets = SearchShop.category("jackets");
    shop.await(r -> r.getLong("total") == 1, 10_000, "filter.category", jackets, "filter.brand", chosen);
    long inCategory = shop.search("filter.category", jackets, "pageSize", "1").getLong("total");

    // the category's page shows the search's facets for it: both new brands with their counts
    browser.open("/c/jackets");
    browser.until("the brand facet", d -> !d.findElements(facet("brand", chosen)).isEmpty()
      && !d.findElements(facet("brand", other)).isEmpty());
    assertEquals("1", count("brand", chosen));
    assertTrue(browser.visible("page-title").getText().equals("Jackets"), browser.visible("page-title").getText());

    // ticking a brand narrows the list to it, the address has it, the other brand keeps its count
    facetValue("brand", chosen).click();
    browser.until("only the brand's product", d -> categoryCardNames().equals(List.of("Numbatine shell jacket")));
    browser.until("the brand in the address", d -> browser.location().equals("/c/jackets?f.brand=" + chosen));
    assertEquals("1", count("brand", other), "counts follow the other filters, not the facet's own");
    assertTrue(inCategory > 1, "the category had more products than the brand: " + inCategory);

    // a reload keeps it
    browser.driver().navigate().refresh();
    browser.until("the brand ticked after the reload", d -> !d.findElements(facet("brand", chosen)).isEmpty()
      && facetValue("brand", chosen).isSelected());
    browser.until("still only the brand's product", d -> categoryCardNames().equals(List.of("Numbatine shell jacket")));
    screenshots("category-facets");

    // on a phone the facets wait behind "Filter & sort" with the sort and the price range
    browser.phone(true);
    try {
      browser.until("the facets hidden", d -> !d.findElement(Browser.testId("facet-panel")).isDisplayed());
      browser.visible("filters-toggle").click();
      browser.until("the facets shown", d -> d.findElement(Browser.testId("facet-panel")).isDisplayed());
      assertTrue(facetValue("brand", chosen).isSelected());
    } finally {
      browser.phone(false);
    }
  }

  @Test
  void aTypoShowsTheCorrectionInGermanAndAnEmptyResultSaysSo() throws Exception {
    String brand = SearchShop.brand();
    shop.product("Wombatique lantern", "Wombatique Laterne", "Hell.", brand, "decor", "PUBLISHED", 2900, 5, Map.of());
    // the known words are refreshed within a second of a change
    shop.await(r -> "wombatique".equals(r.getString("correctedQuery")), 10_000, "q", "wobmatique", "locale", "de");
    browser.open("/");
    new org.openqa.selenium.support.ui.Select(browser.visible("locale-select")).selectByValue("de");
    WebElement input = browser.visible("search-input");
    input.sendKeys("wobmatique", Keys.ENTER);
    browser.until("the corrected results", d -> cardNames().equals(List.of("Wombatique Laterne")));
    assertTrue(browser.visible("corrected-query").getText().contains("„wombatique“"), browser.visible("corrected-query").getText());
    screenshots("search-corrected-de");
    input = browser.visible("search-input");
    input.clear();
    input.sendKeys("zzqxvvk", Keys.ENTER);
    browser.visible("empty-state");
    screenshots("search-empty-de");
  }

  @Test
  void staffRebuildTheIndexEditSynonymsAndSeeWhatWasSearched() throws Exception {
    // searched more often than the other tests' queries without results (the page lists the top 20)
    String nothing = "0zzyzxnothing";
    for (int i = 0; i < 25; i++) {
      shop.search("q", nothing, "page", "1", "pageSize", String.valueOf(1 + i));
    }
    browser.openFresh("/admin/#/login");
    browser.visible("login-email").sendKeys(RunningEngine.ADMIN_EMAIL);
    browser.driver().findElement(Browser.testId("login-password")).sendKeys(RunningEngine.ADMIN_PASSWORD);
    browser.driver().findElement(Browser.testId("login-submit")).click();
    browser.visible("nav-search").click();
    browser.until("the search page", d -> browser.hash().equals("#/search"));
    browser.until("the query without results", d -> browser.visible("zero-result-queries").getText().contains(nothing));

    browser.visible("synonym-terms").sendKeys("hoodie, hooded sweatshirt");
    browser.visible("add-synonym").click();
    browser.until("the new synonyms", d -> d.findElements(Browser.testId("synonym-row")).stream()
      .anyMatch(r -> r.getText().contains("hoodie, hooded sweatshirt")));

    browser.visible("reindex-button").click();
    browser.until("the rebuild started", d -> browser.visible("notice").getText().equals("Rebuild started"));
    browser.until("the rebuild finished", java.time.Duration.ofSeconds(60), d -> browser.visible("reindex-button").isEnabled()
      && !d.findElements(Browser.testId("reindex-finished")).isEmpty());
    assertTrue(browser.visible("search-documents").getText().matches("\\d+ searchable products"), browser.visible("search-documents").getText());
    screenshots("admin-search");
    browser.script("window.confirm = () => true;");
    WebElement row = browser.driver().findElements(Browser.testId("synonym-row")).stream()
      .filter(r -> r.getText().contains("hoodie")).findFirst().orElseThrow();
    row.findElement(Browser.testId("delete-synonym")).click();
    browser.until("the synonyms gone", d -> d.findElements(Browser.testId("synonym-row")).stream().noneMatch(r -> r.getText().contains("hoodie")));
  }

  private static List<String> suggestions() {
    return browser.driver().findElements(Browser.testId("search-suggestion")).stream()
      .map(e -> e.findElement(By.className("suggestion-text")).getText()).toList();
  }

  private static List<String> cardNames() {
    return browser.driver().findElements(By.cssSelector("[data-testid=search-results] [data-testid=product-name]")).stream()
      .map(WebElement::getText).toList();
  }

  private static By facet(String code, String value) {
    return By.cssSelector("[data-testid=facet][data-code='" + code + "'] input[data-value='" + value + "']");
  }

  private static WebElement facetValue(String code, String value) {
    return browser.driver().findElement(facet(code, value));
  }

  private static List<String> categoryCardNames() {
    return browser.driver().findElements(By.cssSelector(".grid [data-testid=product-name]")).stream()
      .map(WebElement::getText).toList();
  }

  private static String count(String code, String value) {
    return facetValue(code, value).findElement(By.xpath("..")).findElement(Browser.testId("facet-count")).getText();
  }

  /** With -Dkinetic.screenshots=DIR: the page at desktop and phone width, for a person to look at. */
  private static void screenshots(String name) throws Exception {
    String dir = System.getProperty("kinetic.screenshots");
    if (dir == null) {
      return;
    }
    Files.createDirectories(Path.of(dir));
    var window = browser.driver().manage().window();
    Dimension desktop = window.getSize();
    Files.write(Path.of(dir, name + "-desktop.png"), ((TakesScreenshot) browser.driver()).getScreenshotAs(OutputType.BYTES));
    window.setSize(new Dimension(390, 844));
    Thread.sleep(300);
    Files.write(Path.of(dir, name + "-phone.png"), ((TakesScreenshot) browser.driver()).getScreenshotAs(OutputType.BYTES));
    window.setSize(desktop);
  }
}
