package io.kinetic.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.server.RunningEngine;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The variant picker on a matrix with gaps (sizes S, M × colours red, blue; M in blue is not made,
 * S in blue is sold out): each value says whether it exists and has stock with the other choice,
 * picking a value that does not exist with the other choice changes that other choice and says so,
 * and the details (the colour) follow the chosen variant.
 */
// creates a product: never while StorefrontBrowserTest compares the home page with the API
@ResourceLock(value = "storefront-catalogue", mode = ResourceAccessMode.READ)
class VariantPickerBrowserTest {

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
  void aMatrixWithGapsReadsRight() throws Exception {
    Browser.assumeInstalled();
    String unique = UUID.randomUUID().toString().substring(0, 8);
    String slug = "picker-" + unique;
    var variants = new JsonArray()
      .add(variant("PK-" + unique + "-S-RED", "S", "red", 1500, 5))
      .add(variant("PK-" + unique + "-S-BLUE", "S", "blue", 1500, 0))
      .add(variant("PK-" + unique + "-M-RED", "M", "red", 1700, 3));
    var input = new JsonObject()
      .put("slug", slug).put("status", "PUBLISHED").put("defaultLocale", "en")
      .put("translations", new JsonObject().put("en", new JsonObject().put("name", "Picker tee " + unique).put("description", "A tee")))
      .put("categoryIds", new JsonArray()).put("attributes", new JsonObject().put("colour", "red")).put("media", new JsonArray())
      .put("seo", new JsonObject()).put("variants", variants);
    var created = RunningEngine.client().post("/api/v1/admin/products").bearerTokenAuthentication(api.staffToken())
      .sendJsonObject(input).await(10, TimeUnit.SECONDS);
    assertEquals(201, created.statusCode(), created.bodyAsString());

    browser.openFresh("/p/" + slug);
    browser.until("the picker", d -> !d.findElements(Browser.testId("variant-picker")).isEmpty());
    // S red is chosen (the first with stock); blue in S exists but is sold out
    assertEquals("ok", state("size", "S"));
    assertEquals("soldout", state("colour", "blue"));
    assertEquals("red", detail("colour"));

    // M: blue in M is not made
    pick("size", "M");
    browser.until("M is chosen", d -> browser.visible("variant-sku").getText().endsWith("-M-RED"));
    assertEquals("missing", state("colour", "blue"));
    assertEquals("€17.00", browser.visible("product-price").getText());
    // the dashed "not made with the other choice" pill is text: at least 4.5:1 against its background
    double contrast = ((Number) browser.script(CONTRAST, pill("colour", "blue").findElement(By.tagName("span")))).doubleValue();
    assertTrue(contrast >= 4.5, "contrast of a not-made option: " + contrast);

    // blue from M: the size goes back to S, and the page says so; the details say blue
    pick("colour", "blue");
    browser.until("S blue is chosen", d -> browser.visible("variant-sku").getText().endsWith("-S-BLUE"));
    String notice = browser.visible("picker-notice").getText();
    assertTrue(notice.contains("blue") && notice.contains("S"), notice);
    assertEquals("blue", detail("colour"));
    assertEquals("Out of stock", browser.visible("stock-status").getText());
    browser.screenshots("variant-picker-changed");
  }

  /**
   * The WCAG contrast of an element's text against its background (the first opaque one up the tree),
   * with the element's and its ancestors' opacity blended in.
   */
  private static final String CONTRAST = """
    const el = arguments[0];
    const rgb = (s) => (s.match(/[\\d.]+/g) || []).map(Number);
    let bg = null, opacity = 1;
    for (let e = el; e; e = e.parentElement) {
      const cs = getComputedStyle(e);
      opacity *= Number(cs.opacity);
      const b = rgb(cs.backgroundColor);
      if (!bg && b.length >= 3 && (b.length === 3 || b[3] > 0)) bg = b.slice(0, 3);
    }
    bg = bg || [255, 255, 255];
    const fg = rgb(getComputedStyle(el).color).slice(0, 3).map((c, i) => c * opacity + bg[i] * (1 - opacity));
    const lum = (c) => { const [r, g, b] = c.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
    const [a, b] = [lum(fg), lum(bg)];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);""";

  private static JsonObject variant(String sku, String size, String colour, long eur, int stock) {
    return new JsonObject().put("sku", sku).put("options", new JsonObject().put("size", size).put("colour", colour))
      .put("prices", new JsonArray().add(new JsonObject().put("amount", eur).put("currency", "EUR"))).put("stockOnHand", stock);
  }

  private static WebElement pill(String key, String value) {
    return browser.driver().findElement(By.cssSelector("[data-testid=option-" + key + "] input[value='" + value + "']"))
      .findElement(By.xpath(".."));
  }

  private static String state(String key, String value) {
    return pill(key, value).getAttribute("data-state");
  }

  private static void pick(String key, String value) {
    pill(key, value).click();
  }

  private static String detail(String code) {
    return browser.driver().findElement(By.cssSelector("[data-testid=attributes-table] tr[data-attr=" + code + "] td")).getText();
  }
}
