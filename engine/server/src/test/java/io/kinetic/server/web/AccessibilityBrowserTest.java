package io.kinetic.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kinetic.server.RunningEngine;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;

/**
 * An automated accessibility check (axe-core, the engine behind Lighthouse's audit) of the
 * storefront's main pages, the admin's sign-in and its product editor, at desktop and phone width:
 * no serious or critical violation (in the editor no skipped heading level either). axe-core comes from npm ({@code .ci/run} installs it into
 * {@code .ci/node_modules}; {@code -Dkinetic.axe=PATH} names another axe.min.js); without it the test
 * is reported skipped, saying so.
 */
class AccessibilityBrowserTest {

  private static final List<Path> AXE = List.of(Path.of("../../.ci/node_modules/axe-core/axe.min.js"),
    Path.of(".ci/node_modules/axe-core/axe.min.js"));
  private static EngineApi api;
  private static Browser browser;
  private static String axe;

  @BeforeAll
  static void start() throws Exception {
    Path path = System.getProperty("kinetic.axe") != null ? Path.of(System.getProperty("kinetic.axe"))
      : AXE.stream().filter(Files::isRegularFile).findFirst().orElse(null);
    if (path != null && Files.isRegularFile(path)) {
      axe = Files.readString(path);
    }
    if (!Browser.installed() || axe == null) {
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
  void theMainPagesHaveNoSeriousViolations() throws Exception {
    Browser.assumeInstalled();
    assumeTrue(axe != null, "axe-core is not installed: `npm install --prefix .ci axe-core` (as .ci/run does) to run this check");
    JsonArray categories = api.get("/api/v1/categories").getJsonArray("items");
    // a seeded product (in a category): products other tests create without one may be deleted meanwhile
    String leaf = categories.stream().map(JsonObject.class::cast).filter(c -> c.getString("parentId") != null)
      .findFirst().orElseThrow().getString("id");
    JsonObject product = api.get("/api/v1/products?limit=1&category=" + leaf).getJsonArray("items").getJsonObject(0);
    List<String> pages = List.of("/", "/p/" + product.getString("slug"), "/c/" + categories.getJsonObject(0).getString("slug"),
      "/search?q=shirt", "/cart", "/login", "/register", "/checkout", "/admin/#/login");
    var found = new ArrayList<String>();
    for (boolean phone : new boolean[] {false, true}) {
      browser.phone(phone);
      try {
        for (String page : pages) {
          browser.openFresh(page);
          browser.until("the page has rendered", Duration.ofSeconds(10), d -> !d.findElements(org.openqa.selenium.By.cssSelector("main, .admin-main, form")).isEmpty()
            && d.findElements(org.openqa.selenium.By.cssSelector(".boot")).isEmpty());
          Thread.sleep(700);
          found.addAll(violations(page + (phone ? " (phone)" : "")));
        }
        // signed in: the admin's product editor (its category picker, its headings; a skipped level counts here)
        browser.openFresh("/admin/#/login");
        browser.visible("login-email").sendKeys(RunningEngine.ADMIN_EMAIL);
        browser.driver().findElement(Browser.testId("login-password")).sendKeys(RunningEngine.ADMIN_PASSWORD);
        browser.driver().findElement(Browser.testId("login-submit")).click();
        browser.visible("nav-products");
        String editor = "/admin/#/products/" + product.getString("id");
        browser.open(editor);
        browser.until("the editor with its categories", Duration.ofSeconds(10),
          d -> !d.findElements(Browser.testId("category-option")).isEmpty());
        Thread.sleep(700);
        found.addAll(violations(editor + (phone ? " (phone)" : ""), "heading-order"));
      } finally {
        browser.phone(false);
      }
    }
    assertEquals(List.of(), found, "serious or critical accessibility violations");
  }

  @SuppressWarnings("unchecked")
  private static List<String> violations(String page, String... alsoRules) {
    var js = (JavascriptExecutor) browser.driver();
    js.executeScript(axe);
    Object result = js.executeAsyncScript("""
      const also = arguments[0];
      const done = arguments[arguments.length - 1];
      axe.run(document, { resultTypes: ['violations'] })
        .then((r) => done(r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical' || also.includes(v.id))
          .map((v) => ({ id: v.id, impact: v.impact, help: v.help,
                         nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ') }))))
        .catch((e) => done([{ id: 'axe-failed', impact: 'critical', help: String(e), nodes: '' }]));""", List.of(alsoRules));
    var out = new ArrayList<String>();
    for (Map<String, Object> v : (List<Map<String, Object>>) result) {
      out.add(page + ": " + v.get("id") + " (" + v.get("impact") + ") " + v.get("help") + " at " + v.get("nodes"));
    }
    return out;
  }
}
