package io.kinetic.gateway;

import io.kinetic.gateway.edge.PageHead;
import io.kinetic.gateway.edge.ShopShell;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The web UI's files, all from the classpath (or ./webroot in dev): webjars (htm comes from an
 * mvnpm jar, whose files sit under {@code _static}), the admin SPA at /admin/ and the storefront
 * at /, the pages with their Content-Security-Policy. The storefront's clean addresses ({@code /},
 * {@code /cart}, {@code /account/orders/<id>}, ...) are its page with a server-written head
 * ({@link ShopShell}); any other address without a file extension outside the engine's own paths is
 * that page as a 404 (the app shows "page not found"). Mounted last: the files' route matches any
 * address outside the engine's own services.
 */
final class StaticFiles {

  /** Webjar paths carry their version: cache for a year. SPA files do not: revalidate after 5 minutes. */
  private static final long ONE_YEAR = 365L * 24 * 3600;
  private static final long SPA_MAX_AGE = 300;
  private static final String HOME = "^/$";
  /** The storefront app's pages other than products and categories: the app shell, not for search engines. */
  private static final String APP_PAGES = "^/(search|cart|wishlist|checkout|account|account/orders|login|register|forgot-password"
    + "|(checkout/payment|order|account/orders|reset-password)/[^/]+)/?$";
  /** Any other address that is not a file nor another part of the engine: the app's "page not found", as a 404. */
  private static final String OTHER_PAGES =
    "^/(?!(api|admin|graphql|graphiql|webhooks|webjars|assets|js|media|health|metrics)(/|$))[^.]*$";
  /**
   * Any address but the engine's own services (API, GraphQL, webhooks, health, metrics, media): no
   * file is served there, and a route there would claim GET for paths that take other methods (a
   * 405's {@code Allow} would name it, and a GET of a POST-only operation was a 404).
   */
  private static final String FILES =
    "^/(?!(?:api|graphql|graphiql|webhooks|health|metrics|media)(?:/|$)|admin/graphql(?:/|$)).*";
  private static final Map<String, String> TAGLINE = Map.of(
    "en", "Everything %s sells, with live prices and stock.",
    "de", "Alles, was %s verkauft, mit aktuellen Preisen und Beständen.");
  private static final Map<String, String> NOT_FOUND = Map.of("en", "Page not found", "de", "Seite nicht gefunden");

  private StaticFiles() {
  }

  static void mount(Vertx vertx, Router router, String contentSecurityPolicy, ShopShell shell, String defaultLocale) {
    // scripts, styles and SVGs compressed once, with an ETag (CompressedFiles); the rest from the static handlers
    router.route("/webjars/htm/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
      .handler(new CompressedFiles(vertx, "META-INF/resources/_static/htm", "/webjars/htm", ONE_YEAR)::handle)
      .handler(StaticHandler.create("META-INF/resources/_static/htm").setMaxAgeSeconds(ONE_YEAR));
    router.route("/webjars/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
      .handler(new CompressedFiles(vertx, "META-INF/resources/webjars", "/webjars", ONE_YEAR)::handle)
      .handler(StaticHandler.create("META-INF/resources/webjars").setMaxAgeSeconds(ONE_YEAR));
    router.getWithRegex("/admin").handler(rc -> rc.redirect("/admin/"));
    // the storefront's own addresses (the edges answer theirs before: /p/<slug>, /c/<slug>, ...)
    router.routeWithRegex(HOME).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(rc -> home(rc, shell, defaultLocale));
    router.routeWithRegex(APP_PAGES).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(rc -> shell.send(rc, 200,
      PageHead.private_(ShopShell.pageLocale(rc, defaultLocale), shell.shopName())));
    router.routeWithRegex(OTHER_PAGES).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(rc -> shell.send(rc, 404,
      PageHead.private_(ShopShell.pageLocale(rc, defaultLocale), NOT_FOUND.get(ShopShell.pageLocale(rc, defaultLocale))
        + " | " + shell.shopName())));
    router.routeWithRegex(FILES).method(HttpMethod.GET).method(HttpMethod.HEAD)
      .handler(new CompressedFiles(vertx, "webroot", "", SPA_MAX_AGE)::handle)
      .handler(rc -> pageHeaders(rc, contentSecurityPolicy))
      .handler(StaticHandler.create("webroot").setIndexPage("index.html").setMaxAgeSeconds(SPA_MAX_AGE));
  }

  /** The home page: the shop's name, a line about it, and a schema.org WebSite with its search. */
  private static void home(RoutingContext rc, ShopShell shell, String defaultLocale) {
    String locale = ShopShell.pageLocale(rc, defaultLocale);
    String base = shell.shopUrl();
    String description = TAGLINE.get(locale).formatted(shell.shopName());
    var site = new JsonObject().put("@context", "https://schema.org").put("@type", "WebSite").put("name", shell.shopName())
      .put("url", base + "/").put("potentialAction", new JsonObject().put("@type", "SearchAction")
        .put("target", base + "/search?q={search_term_string}").put("query-input", "required name=search_term_string"));
    shell.send(rc, 200, new PageHead(locale, shell.shopName(), description,
      base + "/" + (locale.equals(defaultLocale) ? "" : "?locale=" + locale), PageHead.alternates(base, "/", ShopShell.LOCALES),
      PageHead.openGraph("og:type", "website", "og:site_name", shell.shopName(), "og:title", shell.shopName(),
        "og:description", description, "og:url", base + "/"), site.encode(), false, null));
  }

  private static void pageHeaders(RoutingContext rc, String contentSecurityPolicy) {
    rc.response().headers()
      .add("Content-Security-Policy", contentSecurityPolicy)
      .add("Referrer-Policy", "same-origin");
    String path = rc.request().path();
    if (path.endsWith("/") || path.endsWith(".html")) {
      // a page (the admin's, index.html) names the scripts of this version: asked again each time,
      // never "immutable" (the static handler's caching), so a new version is seen at once
      rc.addHeadersEndHandler(v -> rc.response().headers().set(HttpHeaders.CACHE_CONTROL, "no-cache"));
    }
    rc.next();
  }
}
