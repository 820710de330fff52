package io.kinetic.gateway;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The web UI's files, all from the classpath (or ./webroot in dev): webjars (htm comes from an
 * mvnpm jar, whose files sit under {@code _static}), the admin SPA at /admin/ and the storefront
 * at /, the pages with their Content-Security-Policy. Mounted last: {@code /*} matches anything.
 */
final class StaticFiles {

  /** Webjar paths carry their version: cache for a year. SPA files do not: revalidate after 5 minutes. */
  private static final long ONE_YEAR = 365L * 24 * 3600;
  private static final long SPA_MAX_AGE = 300;

  private StaticFiles() {
  }

  static void mount(Router router, String contentSecurityPolicy) {
    router.route("/webjars/htm/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
      .handler(StaticHandler.create("META-INF/resources/_static/htm").setMaxAgeSeconds(ONE_YEAR));
    router.route("/webjars/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
      .handler(StaticHandler.create("META-INF/resources/webjars").setMaxAgeSeconds(ONE_YEAR));
    router.getWithRegex("/admin").handler(rc -> rc.redirect("/admin/"));
    router.route("/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
      .handler(rc -> pageHeaders(rc, contentSecurityPolicy))
      .handler(StaticHandler.create("webroot").setIndexPage("index.html").setMaxAgeSeconds(SPA_MAX_AGE));
  }

  private static void pageHeaders(RoutingContext rc, String contentSecurityPolicy) {
    rc.response().headers()
      .add("Content-Security-Policy", contentSecurityPolicy)
      .add("Referrer-Policy", "same-origin");
    rc.next();
  }
}
