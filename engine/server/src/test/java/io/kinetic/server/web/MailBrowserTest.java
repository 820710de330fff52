package io.kinetic.server.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.server.RunningEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;

/**
 * A forgotten password in a real browser, on the embedded default (no SMTP server: the mail is a
 * {@code .eml} file under the data directory): "Forgot password?" from the sign-in page, the link
 * from the mail, a new password, sign in with it; then staff find the mail on the admin's E-mails
 * page, with the link masked. With -Dkinetic.screenshots=DIR the pages are saved at desktop
 * (1366×900) and phone (390×844) width.
 */
class MailBrowserTest {

  private static final Pattern RESET_LINK = Pattern.compile("/reset-password/([A-Za-z0-9_-]+)");
  private static EngineApi api;
  private static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    if (!Browser.installed()) {
      return; // each test then reports itself skipped, with the reason
    }
    api = new EngineApi(RunningEngine.client());
    browser = Browser.start(RunningEngine.httpPort());
    browser.driver().manage().window().setSize(new Dimension(1366, 900));
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  @BeforeEach
  void fresh() {
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
  void aCustomerResetsAForgottenPasswordAndStaffSeeTheMail() throws Exception {
    String email = "forgot-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    api.registerCustomer(email, "the first password", "Grace Hopper");

    browser.open("/login");
    browser.visible("forgot-link").click();
    browser.visible("forgot-email").sendKeys(email);
    browser.screenshots("forgot-password-form");
    browser.visible("forgot-submit").click();
    assertTrue(browser.visible("reset-requested").getText().contains(email));
    browser.screenshots("forgot-password");

    String token = tokenFromMailFile(email);
    browser.open("/reset-password/" + token);
    browser.visible("reset-password").sendKeys("a new password 1");
    browser.visible("reset-repeat").sendKeys("a new password 2");
    browser.visible("reset-submit").click();
    browser.until("the two passwords differ", d -> !d.findElements(Browser.testId("reset-repeat")).isEmpty()
      && browser.visible("reset-repeat").getAttribute("aria-invalid") != null
      || d.getPageSource().contains("differ"));
    browser.screenshots("reset-password-errors");
    browser.visible("reset-repeat").clear();
    browser.visible("reset-repeat").sendKeys("a new password 1");
    browser.visible("reset-submit").click();
    browser.visible("password-changed");
    browser.screenshots("reset-password-done");

    browser.visible("go-login").click();
    browser.until("the sign-in page", d -> browser.location().equals("/login"));
    browser.visible("login-email").sendKeys(email);
    browser.driver().findElement(Browser.testId("login-password")).sendKeys("a new password 1");
    browser.driver().findElement(Browser.testId("login-submit")).click();
    browser.until("the account page", d -> browser.location().equals("/account"));

    browser.openFresh("/admin/#/login");
    browser.visible("login-email").sendKeys(RunningEngine.ADMIN_EMAIL);
    browser.driver().findElement(Browser.testId("login-password")).sendKeys(RunningEngine.ADMIN_PASSWORD);
    browser.driver().findElement(Browser.testId("login-submit")).click();
    browser.visible("nav-mails").click();
    browser.visible("filter-recipient").sendKeys(email);
    browser.visible("apply-mail-filters").click();
    browser.until("the reset mail's row", d -> d.findElements(Browser.testId("mail-row")).size() == 1
      && "password-reset".equals(d.findElement(Browser.testId("mail-row")).getAttribute("data-kind")));
    browser.screenshots("admin-mails");
    browser.visible("mail-link").click();
    String text = browser.visible("mail-text").getText();
    assertTrue(text.contains("/reset-password/"), text);
    assertFalse(text.contains(token), "staff never see the customer's reset token");
    assertTrue(browser.visible("mail-recipient").getText().contains(email));
    browser.visible("mail-html");
    browser.screenshots("admin-mail");
  }

  /** The reset token from the newest .eml file to {@code email} in the engine's data directory. */
  private static String tokenFromMailFile(String email) throws Exception {
    Path dir = RunningEngine.runtimeFile().getParent().resolve("mail");
    return browser.until("the reset mail as a file", Duration.ofSeconds(20), d -> {
      if (!Files.isDirectory(dir)) {
        return null;
      }
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.filter(f -> f.getFileName().toString().startsWith("password-reset-")).toList()) {
          // quoted-printable: undo the soft line breaks (the token has no other character to decode)
          String text = Files.readString(file, StandardCharsets.ISO_8859_1).replace("=\r\n", "").replace("=\n", "");
          Matcher link = RESET_LINK.matcher(text);
          if (text.contains(email) && link.find()) {
            return link.group(1);
          }
        }
      } catch (java.io.IOException e) {
        return null;
      }
      return null;
    });
  }

}
