package io.kinetic.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.server.RunningEngine;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The admin SPA's Staff and Audit log pages in a real headless Chromium against the real engine:
 * an admin invites a member (the generated password is shown once and works), deactivates them
 * (they can no longer log in), and finds both actions in the audit log; an admin invites with a
 * chosen password, changes roles and reactivates; a member without the admin role sees neither page.
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
  void anAdminInvitesAndDeactivatesAMemberAndSeesItInTheAuditLog() throws Exception {
    signIn(RunningEngine.ADMIN_EMAIL, RunningEngine.ADMIN_PASSWORD);
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
    confirm();
    browser.until("the member shown deactivated", d -> d.findElements(row(email)).stream()
      .anyMatch(r -> r.findElement(Browser.testId("staff-status")).getText().equals("deactivated")));
    var refused = login(email, password);
    assertEquals(new Login(403, "ACCOUNT_DISABLED"), refused);

    show("Deactivated");
    browser.until("only deactivated members", d -> !d.findElements(row(email)).isEmpty()
      && d.findElements(row(RunningEngine.ADMIN_EMAIL)).isEmpty());
    assertTrue(statuses().stream().allMatch("deactivated"::equals), statuses().toString());
    show("Active");
    browser.until("only active members", d -> d.findElements(row(email)).isEmpty()
      && !d.findElements(row(RunningEngine.ADMIN_EMAIL)).isEmpty());
    assertTrue(statuses().stream().allMatch("active"::equals), statuses().toString());

    browser.visible("nav-audit-log").click();
    browser.until("the audit log", d -> browser.hash().equals("#/audit-log"));
    for (String action : new String[] {"staff.invited", "staff.deactivated"}) {
      browser.until(action + " in the audit log", d -> d.findElements(By.cssSelector(
        "[data-testid=audit-row][data-action='" + action + "'][data-target='" + id + "']")).size() == 1);
    }
  }

  @Test
  void anAdminInvitesWithAChosenPasswordChangesRolesAndReactivates() throws Exception {
    signIn(RunningEngine.ADMIN_EMAIL, RunningEngine.ADMIN_PASSWORD);
    browser.visible("nav-staff").click();
    browser.until("the admin's own row", d -> !d.findElements(row(RunningEngine.ADMIN_EMAIL)).isEmpty());

    String email = "browser-chosen-" + UUID.randomUUID().toString().substring(0, 8) + "@kinetic.test";
    String password = "a-chosen-password-" + UUID.randomUUID();
    browser.visible("invite-email").sendKeys(email);
    browser.visible("invite-name").sendKeys("Chosen Member");
    browser.visible("invite-choose-password").click();
    browser.visible("invite-password").sendKeys(password);
    browser.visible("invite-staff").click();
    browser.until("the invitation notice", d -> d.findElements(Browser.testId("notice")).stream()
      .anyMatch(n -> n.getText().equals(email + " invited")));
    WebElement member = browser.until("the new member's row", d -> d.findElements(row(email)).stream().findFirst().orElse(null));
    assertTrue(browser.driver().findElements(Browser.testId("generated-password")).isEmpty(), "a chosen password is not shown");
    assertEquals(200, login(email, password).status(), "the chosen password is the member's");
    String id = member.getDomAttribute("data-id");

    member.findElement(Browser.testId("edit-roles")).click();
    browser.visible("edit-role-fulfilment").click();
    browser.visible("save-roles").click();
    browser.until("the new roles in the member's row", d -> d.findElements(row(email)).stream()
      .anyMatch(r -> r.getDomProperty("textContent").contains("fulfilment")));
    browser.until("the role editor closed", d -> d.findElements(Browser.testId("roles-form")).isEmpty());

    browser.driver().findElement(row(email)).findElement(Browser.testId("deactivate-staff")).click();
    confirm();
    browser.until("the reactivate button", d -> d.findElements(row(email)).stream()
      .flatMap(r -> r.findElements(Browser.testId("reactivate-staff")).stream()).findFirst().orElse(null)).click();
    confirm();
    browser.until("the member shown active again", d -> d.findElements(row(email)).stream()
      .anyMatch(r -> r.findElement(Browser.testId("staff-status")).getText().equals("active")));
    assertEquals(200, login(email, password).status(), "a reactivated member signs in again");

    browser.visible("nav-audit-log").click();
    for (String action : new String[] {"staff.invited", "staff.roles-changed", "staff.deactivated", "staff.reactivated"}) {
      browser.until(action + " in the audit log", d -> d.findElements(By.cssSelector(
        "[data-testid=audit-row][data-action='" + action + "'][data-target='" + id + "']")).size() == 1);
    }
    var actions = browser.driver().findElements(By.cssSelector("[data-testid=audit-row][data-target='" + id + "']")).stream()
      .map(r -> r.getDomAttribute("data-action")).toList();
    assertEquals(List.of("staff.reactivated", "staff.deactivated", "staff.roles-changed", "staff.invited"), actions,
      "newest first");
  }

  @Test
  void aMemberWithoutTheAdminRoleSeesNeitherStaffNorAuditLog() throws Exception {
    String email = "browser-catalog-" + UUID.randomUUID().toString().substring(0, 8) + "@kinetic.test";
    String password = "a-catalog-password-" + UUID.randomUUID();
    var token = new EngineApi(http).staffToken();
    var invited = http.post("/api/v1/admin/staff").bearerTokenAuthentication(token)
      .sendJsonObject(new JsonObject().put("email", email).put("name", "Catalog Member")
        .put("roles", new JsonArray().add("catalog")).put("password", password))
      .await(10, TimeUnit.SECONDS);
    assertEquals(201, invited.statusCode(), invited.bodyAsString());

    signIn(email, password);
    browser.until("the catalog member's role badge", d -> d.findElements(Browser.testId("role-badge")).stream()
      .anyMatch(b -> b.getDomProperty("textContent").equals("catalog")));
    browser.visible("nav-products");
    assertTrue(browser.driver().findElements(Browser.testId("nav-staff")).isEmpty(), "no Staff in the navigation");
    assertTrue(browser.driver().findElements(Browser.testId("nav-audit-log")).isEmpty(), "no Audit log in the navigation");

    for (String page : new String[] {"#/staff", "#/audit-log"}) {
      browser.script("location.hash = arguments[0];", page);
      browser.visible("needs-role");
      assertTrue(browser.driver().findElements(Browser.testId("staff-table")).isEmpty()
        && browser.driver().findElements(Browser.testId("audit-table")).isEmpty(), page + " shows no admin data");
    }
  }

  private static void signIn(String email, String password) {
    browser.visible("login-email").sendKeys(email);
    browser.driver().findElement(Browser.testId("login-password")).sendKeys(password);
    browser.driver().findElement(Browser.testId("login-submit")).click();
  }

  /** Chooses what the staff list shows (Everyone, Active, Deactivated). */
  private static void show(String label) {
    new Select(browser.visible("staff-filter")).selectByVisibleText(label);
  }

  /** The status shown in every staff row. */
  private static List<String> statuses() {
    return browser.driver().findElements(Browser.testId("staff-status")).stream().map(WebElement::getText).toList();
  }

  private static void confirm() {
    browser.until("the confirmation", d -> {
      try {
        return d.switchTo().alert();
      } catch (NoAlertPresentException e) {
        return null;
      }
    }).accept();
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
