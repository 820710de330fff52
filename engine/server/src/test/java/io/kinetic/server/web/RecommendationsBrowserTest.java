package io.kinetic.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.server.RunningEngine;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The storefront's recommendation rows in a real headless Chromium against the real engine: the
 * product page's "similar" row, a click on a recommendation reported with its model and position
 * (and counted in the admin's click-through), the cart's complements, in English and German.
 */
// creates products: never while StorefrontBrowserTest compares the home page with the API
@ResourceLock(value = "storefront-catalogue", mode = ResourceAccessMode.READ)
@ResourceLock(value = "recommendation-settings", mode = ResourceAccessMode.READ)
class RecommendationsBrowserTest {

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

  private static JsonObject product(String words) throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String name = words + " " + suffix;
    return api.createProduct(staff, "reco-" + suffix, name,
      new JsonArray().add(EngineApi.variant("RECO-" + suffix + "-M", 2900, 3100, 10))).put("name", name);
  }

  private static void openProduct(JsonObject product) {
    String name = product.getString("name");
    browser.open("/p/" + product.getString("slug"));
    browser.until("the product page of " + name, d -> {
      var title = d.findElements(By.cssSelector("[data-testid=product-detail] [data-testid=product-name]"));
      return !title.isEmpty() && name.equals(title.get(0).getText());
    });
  }

  /** Until the catalog's change reached the recommender (the row follows the product's own content). */
  private static void awaitSimilar(JsonObject product, JsonObject similar) throws Exception {
    long deadline = System.currentTimeMillis() + 15_000;
    while (System.currentTimeMillis() < deadline) {
      var r = RunningEngine.client().get("/api/v1/recommendations?situation=product&productId=" + product.getString("id"))
        .send().await(10, TimeUnit.SECONDS);
      if (r.bodyAsString().contains(similar.getString("id"))) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the recommender did not learn of " + similar.getString("slug"));
  }

  private static WebElement recommended(String kind, String slug) {
    return browser.until("a " + kind + " recommendation of " + slug, d -> {
      var found = d.findElements(By.cssSelector("[data-testid=reco-row][data-kind='" + kind + "'] a[href='/p/" + slug + "']"));
      return !found.isEmpty() && found.get(0).isDisplayed() ? found.get(0) : null;
    });
  }

  @Test
  void clickingARecommendationOpensItAndReportsTheClickWithItsModelAndPosition() throws Exception {
    String words = "Ocelot " + UUID.randomUUID().toString().substring(0, 5) + " reading lamp";
    JsonObject seen = product(words);
    JsonObject similar = product(words);
    awaitSimilar(seen, similar);
    openProduct(seen);
    WebElement link = recommended("similar", similar.getString("slug"));
    // every event batch the page sends from now on, as the server receives it
    browser.script("""
      const send = window.fetch; window.eventBatches = [];
      window.fetch = (url, options) => {
        if (String(url).endsWith('/api/v1/events')) window.eventBatches.push(JSON.parse(options.body));
        return send(url, options);
      };""");
    browser.screenshots("recommendations-product");
    String model = link.getDomAttribute("data-model");
    String position = link.getDomAttribute("data-position");
    assertEquals("content", model, "a product of the same words is similar by content");
    link.click();
    browser.until("the recommended product's page", d -> browser.location().equals("/p/" + similar.getString("slug")));

    @SuppressWarnings("unchecked")
    Map<String, Object> click = browser.until("the click sent", d -> {
      var batches = (List<Map<String, Object>>) browser.script("return window.eventBatches;");
      for (var batch : batches) {
        for (var event : (List<Map<String, Object>>) batch.get("events")) {
          if ("recommendation-clicked".equals(event.get("type"))) {
            return event;
          }
        }
      }
      return null;
    });
    assertEquals(similar.getString("id"), click.get("productId"));
    assertEquals(model, click.get("model"));
    assertEquals(Long.parseLong(position), ((Number) click.get("position")).longValue());
    assertEquals("a", click.get("arm"), "the session's A/B arm travels with the click");

    // the admin's click-through counts it
    var report = RunningEngine.client().get("/api/v1/admin/recommendations/report?days=1").bearerTokenAuthentication(staff)
      .send().await(30, TimeUnit.SECONDS);
    assertEquals(200, report.statusCode(), report.bodyAsString());
    boolean counted = report.bodyAsJsonObject().getJsonArray("online").stream().map(JsonObject.class::cast)
      .anyMatch(c -> c.getString("model").equals(model) && c.getLong("clicked") >= 1 && c.getLong("shown") >= 1
        && c.getLong("rowsClicked") >= 1);
    assertTrue(counted, report.bodyAsString());
  }

  @Test
  void theHomePageAndTheCartShowRowsInTheShoppersLanguage() throws Exception {
    // the home page has its row below the list (trending or the catalogue for a new session)
    browser.until("the home page's row", d -> d.findElements(By.cssSelector("[data-testid=reco-row][data-kind=for-you] a")).size() > 0);
    browser.screenshots("recommendations-home");
    String words = "Margay " + UUID.randomUUID().toString().substring(0, 5) + " tea cup";
    JsonObject inCart = product(words);
    awaitSimilar(inCart, product(words));
    openProduct(inCart);
    browser.until("the buy box", d -> !d.findElements(Browser.testId("add-to-cart")).isEmpty()
      && d.findElement(Browser.testId("add-to-cart")).isEnabled());
    browser.visible("add-to-cart").click();
    browser.visible("added-to-cart");
    browser.open("/cart");
    WebElement row = browser.until("the complements row", d -> {
      var rows = d.findElements(By.cssSelector("[data-testid=reco-row][data-kind=complements]"));
      return !rows.isEmpty() && rows.get(0).isDisplayed() ? rows.get(0) : null;
    });
    assertEquals("Goes well with your cart", row.findElement(By.cssSelector("h2")).getText());
    assertTrue(row.findElements(By.cssSelector("a[href='/p/" + inCart.getString("slug") + "']")).isEmpty(),
      "never what the cart holds");
    browser.screenshots("recommendations-cart");
    new org.openqa.selenium.support.ui.Select(browser.visible("locale-select")).selectByValue("de");
    browser.until("the row in German", d -> d.findElements(By.cssSelector("[data-testid=reco-row][data-kind=complements] h2"))
      .stream().anyMatch(h -> h.getText().equals("Passt zu Ihrem Warenkorb")));
    new org.openqa.selenium.support.ui.Select(browser.visible("locale-select")).selectByValue("en");
  }

  @Test
  void anAdminSeesTheOfflineEvaluationAndTheClickThroughByModel() throws Exception {
    // sessions that view a lamp, then its shade: co-occurrence learns what comes next, popularity cannot
    String words = "Serval " + UUID.randomUUID().toString().substring(0, 5);
    var pairs = List.of(List.of(product(words + " lamp"), product(words + " shade")),
      List.of(product(words + " kettle"), product(words + " mug")));
    // the evaluation tests the newest fifth of all sessions and learns from the others: the
    // sessions to learn from are dated earlier today (older than any other test's in this shared
    // engine), the sessions to test are new; however many sessions the other tests add, the first
    // are learned and the last are tested
    java.time.Instant earlier = java.time.Instant.now().minus(java.time.Duration.ofHours(12));
    for (int i = 0; i < 40; i++) {
      var pair = pairs.get(i % 2);
      var events = new JsonArray();
      for (int k = 0; k < pair.size(); k++) {
        var event = new JsonObject().put("id", UUID.randomUUID().toString()).put("type", "product-view")
          .put("productId", pair.get(k).getString("id"));
        if (i < 20) {
          event.put("at", earlier.plusSeconds(10L * i + k).toString());
        }
        events.add(event);
      }
      var sent = RunningEngine.client().post("/api/v1/events").sendJsonObject(new JsonObject()
        .put("sessionId", "admin-" + UUID.randomUUID()).put("events", events)).await(10, TimeUnit.SECONDS);
      assertEquals(202, sent.statusCode(), sent.bodyAsString());
    }
    browser.open("/admin/#/login");
    browser.visible("login-email").sendKeys(RunningEngine.ADMIN_EMAIL);
    browser.driver().findElement(Browser.testId("login-password")).sendKeys(RunningEngine.ADMIN_PASSWORD);
    browser.driver().findElement(Browser.testId("login-submit")).click();
    browser.visible("nav-recommender").click();
    browser.visible("reco-offline");
    // the events are taken (202) and stored a moment later: the page is read again until the
    // evaluation has the posted sessions (under load the first look may come before them)
    String coOccurrence = browser.until("the co-occurrence row, with the posted sessions", java.time.Duration.ofSeconds(60), d -> {
      var rows = d.findElements(By.cssSelector("[data-testid=reco-model][data-model=co-occurrence] td.num"));
      if (rows.isEmpty()) {
        return null;
      }
      String text = rows.get(0).getText();
      if (Double.parseDouble(text.replace("%", "")) == 0) {
        d.navigate().refresh();
        return null;
      }
      return text;
    });
    String popularity = browser.driver().findElement(By.cssSelector("[data-testid=reco-model][data-model=popularity] td.num")).getText();
    assertTrue(Double.parseDouble(coOccurrence.replace("%", "")) > Double.parseDouble(popularity.replace("%", "")),
      "co-occurrence " + coOccurrence + " beats popularity " + popularity + " on sessions it can learn from");
    browser.visible("reco-latency");
    browser.screenshots("recommender-admin");
  }
}
