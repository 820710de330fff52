package io.kinetic.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.catalog.seed.SaleableVariants;
import io.kinetic.checkout.seed.OrderHistory;
import io.kinetic.kernel.pg.PgPools;
import io.kinetic.kernel.testing.Eventually;
import io.kinetic.kernel.testing.TestServices;
import io.kinetic.server.RunningEngine;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The admin dashboard in a real headless Chromium: an admin picks ranges and sees the KPI tiles,
 * the charts (Chart.js from its webjar, under the strict CSP), the funnel and the top lists of a
 * generated order history (written into the shared engine's logs; the analytics catch up from
 * them). With -Dkinetic.screenshots=DIR the page is saved at desktop (1366×900) and phone (390×844) width.
 */
class DashboardBrowserTest {

  private static final int ORDERS = 3_000;
  private static Browser browser;
  private static EngineApi api;

  @BeforeAll
  static void start() throws Exception {
    if (!Browser.installed()) {
      return;
    }
    api = new EngineApi(RunningEngine.client());
    String token = api.staffToken();
    var vertx = Vertx.vertx();
    try {
      String url = TestServices.get().pgUrl();
      var catalog = PgPools.forTask(vertx, url, 1, "catalog", "test");
      var checkout = PgPools.forTask(vertx, url, 2, "checkout", "test");
      var cart = PgPools.forTask(vertx, url, 2, "cart", "test");
      var variants = SaleableVariants.sample(catalog, "EUR", 200).await(10, TimeUnit.SECONDS);
      OrderHistory.generate(checkout, cart, variants, ORDERS, 120, "EUR", done -> { }).await(2, TimeUnit.MINUTES);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
    String from = LocalDate.now(ZoneOffset.UTC).minusDays(130).toString();
    String to = LocalDate.now(ZoneOffset.UTC).toString();
    Eventually.until("the analytics caught up with the generated history", Duration.ofSeconds(300), () -> {
      JsonObject d = RunningEngine.client().get("/api/v1/admin/analytics/dashboard").addQueryParam("from", from)
        .addQueryParam("to", to).bearerTokenAuthentication(token).send().await(10, TimeUnit.SECONDS).bodyAsJsonObject();
      return d.getLong("pendingEvents") == 0 && d.getJsonObject("totals").getLong("ordersPlaced") >= ORDERS;
    });
    browser = Browser.start(RunningEngine.httpPort());
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  @BeforeEach
  void signedIn() {
    Browser.assumeInstalled();
    browser.openFresh("/admin/#/login");
    browser.visible("login-email").sendKeys(RunningEngine.ADMIN_EMAIL);
    browser.driver().findElement(Browser.testId("login-password")).sendKeys(RunningEngine.ADMIN_PASSWORD);
    browser.driver().findElement(Browser.testId("login-submit")).click();
    browser.visible("nav-dashboard");
  }

  @AfterEach
  void noJavaScriptErrors() {
    if (browser != null) {
      browser.assertNoErrors();
    }
  }

  @Test
  void anAdminSeesTheFiguresChartsFunnelAndTopSellersOfARange() throws Exception {
    browser.driver().findElement(Browser.testId("nav-dashboard")).click();
    browser.visible("dashboard-page");
    browser.driver().findElement(Browser.testId("preset-365")).click();
    browser.until("a year's figures, per week", d -> "week".equals(browser.script(
      "return document.querySelector('[data-testid=range-granularity]').value;")) && hasFigures());
    String revenue = browser.visible("kpi-revenue-value").getText();
    assertTrue(revenue.startsWith("€") && !revenue.equals("€0.00"), revenue);
    long paid = Long.parseLong(browser.visible("kpi-orders-value").getText().replace(",", ""));
    assertTrue(paid >= ORDERS * 8 / 10, "most generated orders are paid: " + paid);
    browser.until("the three charts are drawn", d -> (Boolean) browser.script("""
      return ['chart-revenue', 'chart-customers', 'chart-funnel'].every(id => {
        const c = document.querySelector(`[data-testid=${id}] canvas`);
        return c && window.Chart && window.Chart.getChart(c) && c.width > 0; });"""));
    assertEquals(10, browser.driver().findElements(Browser.testId("top-products-row")).size());
    assertFalse(browser.driver().findElements(Browser.testId("top-categories-row")).isEmpty());
    String started = browser.visible("funnel-checkoutsStarted").getText();
    assertTrue(started.contains("of the step before"), started);
    browser.screenshots("dashboard");

    browser.driver().findElement(Browser.testId("preset-7")).click();
    browser.until("a week's figures, per day", d -> "day".equals(browser.script(
      "return document.querySelector('[data-testid=range-granularity]').value;")) && hasFigures()
      && browser.hash().contains("from=" + LocalDate.now(ZoneOffset.UTC).minusDays(6)));
    long week = Long.parseLong(browser.visible("kpi-orders-value").getText().replace(",", ""));
    assertTrue(week < paid, "seven days are fewer than a year: " + week + " of " + paid);
  }

  @Test
  void oneOfEachIsSaidInTheSingular() {
    // the server's figures, but one paid order, one return and one event not counted yet
    browser.script("""
      const real = window.fetch;
      window.fetch = async (input, init) => {
        const res = await real(input, init);
        if (!String(input.url || input).includes('/analytics/dashboard')) return res;
        const body = await res.json();
        Object.assign(body.totals, { ordersPaid: 1, returns: 1 });
        body.pendingEvents = 1;
        return new Response(JSON.stringify(body), { status: res.status, headers: res.headers });
      };""");
    browser.driver().findElement(Browser.testId("nav-dashboard")).click();
    assertEquals("The figures are catching up: 1 recent event is not included yet.", browser.visible("catching-up").getText());
    assertEquals("return request", browser.visible("kpi-returns").findElement(By.className("kpi-sub")).getText());
    assertEquals("from 1 paid order", browser.visible("kpi-revenue").findElement(By.className("kpi-sub")).getText());
  }

  @Test
  void aReversedRangeIsRefusedInTheForm() {
    browser.open("/admin/#/dashboard");
    browser.visible("kpis");
    var from = browser.visible("range-from");
    var to = browser.driver().findElement(Browser.testId("range-to"));
    browser.script("arguments[0].value = '2026-03-01'; arguments[0].dispatchEvent(new Event('input'));"
      + "arguments[1].value = '2026-02-01'; arguments[1].dispatchEvent(new Event('input'));", from, to);
    browser.driver().findElement(Browser.testId("range-show")).click();
    String error = browser.until("the field's error", d -> {
      var found = d.findElements(org.openqa.selenium.By.id("range-to-error"));
      return found.isEmpty() || found.get(0).getText().isBlank() ? null : found.get(0).getText();
    });
    assertEquals("must not be before the first day", error);
  }

  private static boolean hasFigures() {
    var found = browser.driver().findElements(Browser.testId("kpi-revenue-value"));
    return !found.isEmpty() && !found.get(0).getText().isBlank()
      && "false".equals(browser.script("return document.querySelector('.dashboard-body').getAttribute('aria-busy');"));
  }
}
