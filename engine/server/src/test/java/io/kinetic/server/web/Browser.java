package io.kinetic.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium driven by Debian's chromedriver, for one test class. Nothing is ever
 * downloaded: the driver path is given explicitly, so Selenium Manager is skipped. When either binary
 * is missing, {@link #start} skips the calling test class.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration TIMEOUT = Duration.ofSeconds(15);
  /**
   * How Chromium reports a live-update socket the engine refused (an engine without GraphQL
   * subscriptions): the page then polls instead, so this is the one error such an engine may cause.
   */
  static final Pattern LIVE_SOCKET_REFUSED =
    Pattern.compile("WebSocket connection to 'ws://[^']+/graphql' failed");
  /** How Chromium's console reports a violation of the page's policy. */
  private static final String CSP = "Content Security Policy";

  private final WebDriver driver;
  private final Path profile;
  private final String baseUrl;
  private final boolean liveSockets;

  private Browser(WebDriver driver, Path profile, String baseUrl, boolean liveSockets) {
    this.driver = driver;
    this.profile = profile;
    this.baseUrl = baseUrl;
    this.liveSockets = liveSockets;
  }

  static boolean installed() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  /** Skips the calling test (JUnit assumption, reported with this reason) when Chromium or chromedriver is missing. */
  static void assumeInstalled() {
    Assumptions.assumeTrue(installed(), "browser test skipped: " + CHROMIUM + " and " + CHROMEDRIVER
      + " are needed (apt-get install chromium chromium-driver, as .ci/run does)");
  }

  static Browser start(int httpPort) throws IOException {
    assumeInstalled();
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
    Path profile = Files.createTempDirectory("kinetic-chromium");
    var logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    var options = new ChromeOptions()
      .setBinary(CHROMIUM.toString())
      .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
        "--lang=en-US", "--window-size=1280,1000", "--user-data-dir=" + profile);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    return new Browser(new ChromeDriver(service, options), profile, "http://127.0.0.1:" + httpPort,
      EngineApi.offersSubscriptions(httpPort));
  }

  WebDriver driver() {
    return driver;
  }

  /** Loads a page of the engine, e.g. {@code "/"}, {@code "/p/some-slug"} or {@code "/admin/#/login"}. */
  void open(String path) {
    driver.get(baseUrl + path);
  }

  /**
   * Fresh state for the next test: no cookies, empty local and session storage, then a full load of
   * {@code path}. The page loaded to reach the storage is left for a blank one and the browser log read
   * (emptied) before the fresh load: that page's requests, refused once its session is cleared under it,
   * are not this test's errors.
   */
  void openFresh(String path) {
    open(path);
    cdp("Network.clearBrowserCookies");
    script("localStorage.clear(); sessionStorage.clear();");
    driver.get("about:blank");
    driver.manage().logs().get(LogType.BROWSER).getAll();
    open(path);
  }

  /** Every cookie the browser holds, HttpOnly and path-scoped ones included: name -> attributes as CDP reports them. */
  @SuppressWarnings("unchecked")
  Map<String, Map<String, Object>> cookies() {
    var all = (List<Map<String, Object>>) cdp("Network.getAllCookies").get("cookies");
    return all.stream().collect(Collectors.toMap(c -> (String) c.get("name"), c -> c, (a, b) -> b));
  }

  /** Everything the page keeps in localStorage and sessionStorage, as one "key=value" list. */
  @SuppressWarnings("unchecked")
  List<String> storage() {
    return (List<String>) script("""
      return [localStorage, sessionStorage].flatMap(s => Object.keys(s).map(k => k + '=' + s.getItem(k)));""");
  }

  private Map<String, Object> cdp(String command) {
    return ((ChromeDriver) driver).executeCdpCommand(command, Map.of());
  }

  /** Waits (up to 15 s) for a non-null, non-false value; on timeout the failure names {@code what}. */
  <T> T until(String what, Function<WebDriver, T> condition) {
    return until(what, TIMEOUT, condition);
  }

  /** {@link #until(String, Function)} with a timeout of its own. */
  <T> T until(String what, Duration timeout, Function<WebDriver, T> condition) {
    var wait = new WebDriverWait(driver, timeout);
    wait.withMessage(what).ignoring(StaleElementReferenceException.class);
    return wait.until(condition);
  }

  WebElement visible(String testId) {
    return until(testId + " visible", d -> {
      var found = d.findElements(testId(testId));
      return !found.isEmpty() && found.get(0).isDisplayed() ? found.get(0) : null;
    });
  }

  String hash() {
    return (String) script("return location.hash;");
  }

  /** The storefront's address: path and query string (e.g. {@code /p/slug}, {@code /order/<id>?token=...}). */
  String location() {
    return (String) script("return location.pathname + location.search;");
  }

  Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /** Snapshot of the product cards in page order: {slug, name, price}, read in one script so nothing goes stale. */
  @SuppressWarnings("unchecked")
  List<Map<String, String>> cards() {
    return (List<Map<String, String>>) script("""
      return [...document.querySelectorAll('[data-testid=product-card]')].map(c => ({
        slug: c.dataset.slug,
        name: c.querySelector('[data-testid=product-name]').textContent.trim(),
        price: c.querySelector('[data-testid=product-price]').textContent.trim()}));""");
  }

  static By testId(String id) {
    return By.cssSelector("[data-testid='" + id + "']");
  }

  /**
   * Fails on SEVERE browser log entries (uncaught errors, console.error, failed requests) except those
   * matching {@code expected} (the 4xx a test provoked) and, when the engine offers no GraphQL
   * subscriptions, its refusal of the live-update socket; and on any Content-Security-Policy
   * violation whatever its level. Reading the log empties it.
   */
  void assertNoErrors(Pattern... given) {
    Pattern[] expected = liveSockets ? given : Stream.concat(Stream.of(given), Stream.of(LIVE_SOCKET_REFUSED)).toArray(Pattern[]::new);
    List<LogEntry> entries = driver.manage().logs().get(LogType.BROWSER).getAll();
    List<String> csp = entries.stream().map(LogEntry::getMessage).filter(m -> m.contains(CSP)).toList();
    assertTrue(csp.isEmpty(), "Content-Security-Policy violations in the browser console: " + csp);
    List<String> severe = entries.stream()
      .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
      .map(LogEntry::getMessage)
      .filter(m -> Stream.of(expected).noneMatch(p -> p.matcher(m).find()))
      .toList();
    assertTrue(severe.isEmpty(), "errors in the browser console: " + severe);
  }

  /**
   * Proves the CSP check is not vacuous: the page's policy is enforced (an injected inline script does
   * not run) and the violation comes back in the browser log.
   */
  void assertCspViolationsAreReported() {
    Object ran = script("""
      window.kineticProbe = false;
      const s = document.createElement('script');
      s.textContent = 'window.kineticProbe = true;';
      document.head.appendChild(s);
      return window.kineticProbe;""");
    assertEquals(false, ran, "an inline script ran: the page has no strict Content-Security-Policy");
    List<LogEntry> entries = until("the CSP violation in the browser log", d -> {
      var now = driver.manage().logs().get(LogType.BROWSER).getAll();
      return now.stream().anyMatch(e -> e.getMessage().contains(CSP)) ? now : null;
    });
    assertTrue(entries.stream().anyMatch(e -> e.getMessage().contains(CSP)), entries.toString());
  }

  /** Proves the log check is not vacuous: a console.error must come back as a SEVERE entry. */
  void assertLogsAreCaptured() {
    script("console.error('kinetic-log-probe');");
    List<LogEntry> entries = driver.manage().logs().get(LogType.BROWSER).getAll();
    assertTrue(entries.stream().anyMatch(e -> e.getLevel() == Level.SEVERE && e.getMessage().contains("kinetic-log-probe")),
      "the browser log is not readable, so JS errors would go unnoticed: " + entries);
  }

  /**
   * With -Dkinetic.screenshots=DIR: the whole page at desktop (1366×900) and phone (390×844) width,
   * as {@code DIR/<name>-desktop.png} and {@code -phone.png}, for a person to look at.
   */
  void screenshots(String name) throws IOException, InterruptedException {
    String dir = System.getProperty("kinetic.screenshots");
    if (dir == null) {
      return;
    }
    Files.createDirectories(Path.of(dir));
    Files.write(Path.of(dir, name + "-desktop.png"), fullPage(1366, 900, false));
    Files.write(Path.of(dir, name + "-phone.png"), fullPage(390, 844, true));
  }

  /**
   * The page's whole length at a width (CDP device metrics: a phone as a mobile viewport), drawn in a
   * viewport as tall as the page so that nothing is cut; the window is as before afterwards.
   */
  private byte[] fullPage(int width, int height, boolean mobile) throws InterruptedException {
    var chrome = (ChromeDriver) driver;
    chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride",
      Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    script("window.scrollTo(0, 0);");
    Thread.sleep(500);
    long full = ((Number) script("return Math.ceil(document.documentElement.scrollHeight);")).longValue();
    chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride",
      Map.of("width", width, "height", Math.max(height, full), "deviceScaleFactor", 1, "mobile", mobile));
    Thread.sleep(500);
    try {
      var shot = chrome.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png"));
      return java.util.Base64.getDecoder().decode((String) shot.get("data"));
    } finally {
      chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }
  }

  /** What the browser shows now: a PNG of the viewport and the page's HTML (for a failed test). */
  void failureShot(Path png, Path html) throws IOException {
    byte[] shot = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
    Files.write(png, shot);
    Files.writeString(html, driver.getCurrentUrl() + "\n" + driver.getPageSource());
  }

  /** Empties the browser's HTTP cache (the next loads go to the server). */
  void clearCache() {
    cdp("Network.clearBrowserCache");
  }

  /** Requests to URLs matching the patterns ({@code *} any text) fail from now on (net::ERR_BLOCKED_BY_CLIENT); none: all go again. */
  void block(String... urlPatterns) {
    var chrome = (ChromeDriver) driver;
    chrome.executeCdpCommand("Network.enable", Map.of());
    chrome.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of(urlPatterns)));
  }

  /** A phone's viewport (390×844, mobile) from now on, or (false) the window as it is again. */
  void phone(boolean on) {
    var chrome = (ChromeDriver) driver;
    if (on) {
      chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
    } else {
      chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
