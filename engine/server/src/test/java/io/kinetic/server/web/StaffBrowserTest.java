package io.kinetic.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.server.RunningEngine;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/**
 * The admin SPA's Staff and Audit log pages in a real headless Chromium against the real engine:
 * an admin invites a member (the generated password is shown once and works), deactivates them
 * (they can no longer log in), and finds both actions in the audit log.
 */
class StaffBrowserTest {

  private static Browser browser;
  private static WebClient http;

  @BeforeAll
  static void start() throws Exception {
    if (!Browser.installed()) {
      return; // each test then reports itself skipped, with the reason
    }
    http = RunningEngine.client();
    browser = Browser.start(RunningEngine.httpPort());
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
  void anAdminInvitesAndDeactivatesAMemberAndSeesItInTheAuditLog() throws Exception {
    browser.visible("login-email").sendKeys(RunningEngine.ADMIN_EMAIL);
    browser.driver().findElement(Browser.testId("login-password")).sendKeys(RunningEngine.ADMIN_PASSWORD);
    browser.driver().findElement(Browser.testId("login-submit")).click();
    browser.visible("nav-staff").click();
    browser.until("the staff page", d -> browser.hash().equals("#/staff"));
    browser.until("the admin's own row", d -> !d.findElements(row(RunningEngine.ADMIN_EMAIL)).isEmpty());

    String email = "browser-staff-" + UUID.randomUUID().toString().substring(0, 8) + "@kinetic.test";
    browser.visible("invite-email").sendKeys(email);
    browser.visible("invite-name").sendKeys("Browser Member");
    browser.visible("invite-role-fulfilment").click();
    browser.visible("invite-staff").click();
    String password = browser.visible("generated-password").getText();
    WebElement member = browser.until("the new member's row", d -> d.findElements(row(email)).stream().findFirst().orElse(null));
    String roles = member.getDomProperty("textContent");
    assertTrue(roles.contains("catalog") && roles.contains("fulfilment"), roles);
    assertEquals(200, login(email, password).status(), "the generated password shown is the member's");
    String id = member.getDomAttribute("data-id");

    member.findElement(Browser.testId("deactivate-staff")).click();
    Alert confirm = browser.until("the confirmation", d -> {
      try {
        return d.switchTo().alert();
      } catch (NoAlertPresentException e) {
        return null;
      }
    });
    confirm.accept();
    browser.until("the member shown deactivated", d -> d.findElements(row(email)).stream()
      .anyMatch(r -> r.findElement(Browser.testId("staff-status")).getText().equals("deactivated")));
    var refused = login(email, password);
    assertEquals(new Login(403, "ACCOUNT_DISABLED"), refused);

    browser.visible("nav-audit-log").click();
    browser.until("the audit log", d -> browser.hash().equals("#/audit-log"));
    for (String action : new String[] {"staff.invited", "staff.deactivated"}) {
      browser.until(action + " in the audit log", d -> d.findElements(By.cssSelector(
        "[data-testid=audit-row][data-action='" + action + "'][data-target='" + id + "']")).size() == 1);
    }
  }

  private static By row(String email) {
    return By.cssSelector("[data-testid=staff-row][data-email='" + email + "']");
  }

  /** A staff login over the API: its status, and the problem code when it failed. */
  private static Login login(String email, String password) throws Exception {
    var response = http.post("/api/v1/admin/auth/login")
      .sendJsonObject(new JsonObject().put("email", email).put("password", password)).await(10, TimeUnit.SECONDS);
    return new Login(response.statusCode(), response.statusCode() == 200 ? null : response.bodyAsJsonObject().getString("code"));
  }

  private record Login(int status, String code) {
  }
}
