package io.kinetic.gateway.edge;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The storefront's page ({@code webroot/index.html}) as the server answers its clean addresses
 * ({@code /}, {@code /p/<slug>}, {@code /c/<slug>}, {@code /cart}, ...): the same app shell, with
 * the {@link PageHead} of that page in place of the file's title and description, and the page's
 * language, so that search engines and link previews see the product's name, price and
 * availability without running the app. Sent with the pages' Content-Security-Policy.
 */
public final class ShopShell {

  /** The storefront's languages (its language picker): one {@code hreflang} alternate each. */
  public static final List<String> LOCALES = List.of("en", "de");
  /** Rendered pages may be kept a minute by browsers and caches: prices and stock change. */
  static final String CACHE_CONTROL = "public, max-age=60";

  private static final String HEAD_START = "<title>";
  private static final String HEAD_END_MARK = "<meta name=\"description\"";
  private static final String BOOT = "<p class=\"boot\">";
  private static final String LANG = "<html lang=\"";

  private final String beforeLang;
  private final String afterLang;
  private final String between;
  private final String after;
  private final String bootText;
  private final String contentSecurityPolicy;
  private final String shopName;
  private final String shopUrl;
  private final String settings;

  private ShopShell(String page, String contentSecurityPolicy, String shopName, String shopUrl, int lowStock) {
    // what the app reads of the shop's settings before its first request
    this.settings = "\n  <meta name=\"kinetic:low-stock\" content=\"" + lowStock + "\">";
    int start = page.indexOf(HEAD_START);
    int mark = page.indexOf(HEAD_END_MARK, start);
    int end = mark < 0 ? -1 : page.indexOf('>', mark) + 1;
    if (start < 0 || end <= 0) {
      throw new IllegalStateException("webroot/index.html has no <title> followed by a <meta name=\"description\">");
    }
    int boot = page.indexOf(BOOT, end);
    int bootEnd = boot < 0 ? -1 : page.indexOf("</p>", boot) + "</p>".length();
    if (boot < 0 || bootEnd < boot) {
      throw new IllegalStateException("webroot/index.html has no <p class=\"boot\"> in its app element");
    }
    int lang = page.indexOf(LANG);
    int langEnd = lang < 0 ? -1 : page.indexOf('"', lang + LANG.length());
    if (lang < 0 || langEnd < 0 || langEnd > start) {
      throw new IllegalStateException("webroot/index.html has no <html lang=\"...\"> before its <title>");
    }
    this.beforeLang = page.substring(0, lang + LANG.length());
    this.afterLang = page.substring(langEnd, start);
    this.between = page.substring(end, bootEnd);
    this.bootText = page.substring(boot, bootEnd);
    this.after = page.substring(bootEnd);
    this.contentSecurityPolicy = contentSecurityPolicy;
    this.shopName = shopName;
    this.shopUrl = shopUrl.endsWith("/") ? shopUrl.substring(0, shopUrl.length() - 1) : shopUrl;
  }

  /** Reads the page with Vert.x's file resolver (classpath {@code webroot/}, or {@code ./webroot}). */
  public static Future<ShopShell> load(Vertx vertx, String contentSecurityPolicy, String shopName, String shopUrl, int lowStock) {
    return vertx.fileSystem().readFile("webroot/index.html")
      .map(page -> new ShopShell(page.toString(StandardCharsets.UTF_8), contentSecurityPolicy, shopName, shopUrl, lowStock));
  }

  /** The shop's name (the titles' suffix). */
  public String shopName() {
    return shopName;
  }

  /** The storefront's public address without a trailing slash (canonical and alternate links, the sitemap). */
  public String shopUrl() {
    return shopUrl;
  }

  /** The page's language: {@code ?locale} when it is one of {@link #LOCALES}, else {@code fallback}. */
  public static String pageLocale(RoutingContext rc, String fallback) {
    String asked = rc.request().getParam("locale");
    return asked != null && LOCALES.contains(asked) ? asked : fallback;
  }

  /** Answers the page with {@code head} and {@code status} (a HEAD request gets the headers only). */
  public void send(RoutingContext rc, int status, PageHead head) {
    String html = beforeLang + PageHead.escape(head.lang()) + afterLang
      + head.html() + settings + (head.preview() == null ? between + after
        : between.substring(0, between.length() - bootText.length()) + head.preview() + after);
    var response = rc.response().setStatusCode(status)
      .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
      .putHeader("Content-Security-Policy", contentSecurityPolicy)
      .putHeader("Referrer-Policy", "same-origin")
      .putHeader(HttpHeaders.CACHE_CONTROL, status == 200 && !head.noindex() ? CACHE_CONTROL : "no-cache");
    if (rc.request().method() == HttpMethod.HEAD) {
      response.putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(html.getBytes(StandardCharsets.UTF_8).length)).end();
    } else {
      response.end(html);
    }
  }
}
