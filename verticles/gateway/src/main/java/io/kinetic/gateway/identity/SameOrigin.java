package io.kinetic.gateway.identity;

import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Locale;

/**
 * The same-origin proof a cookie-authenticated request must carry (CSRF defence, on top of the
 * custom header that already forces a CORS preflight the gateway never grants, and of
 * {@code SameSite=Strict}): when the browser sends {@code Sec-Fetch-Site} it must be
 * {@code same-origin}, and when it sends {@code Origin} that origin's host and port must be the
 * request's own {@code Host}. Scheme is not compared, so a TLS-terminating proxy in front keeps
 * working. A client that sends neither (not a browser) is not a CSRF victim and passes.
 */
final class SameOrigin {

  private SameOrigin() {
  }

  /** Throws {@code CSRF_REJECTED} unless {@code rc} comes from a page of this origin. */
  static void verify(RoutingContext rc) {
    String site = rc.request().getHeader("Sec-Fetch-Site");
    if (site != null && !site.equalsIgnoreCase("same-origin")) {
      throw reject("Sec-Fetch-Site is " + site);
    }
    String origin = rc.request().getHeader("Origin");
    if (origin != null && !matches(origin, rc.request().authority())) {
      throw reject("Origin " + origin + " is not this site");
    }
  }

  private static boolean matches(String origin, HostAndPort authority) {
    if (authority == null) {
      return false;
    }
    URI uri;
    try {
      uri = URI.create(origin.trim());
    } catch (IllegalArgumentException e) {
      return false; // also "null", sent by sandboxed frames and some redirects
    }
    if (uri.getHost() == null || uri.getScheme() == null) {
      return false;
    }
    int defaultPort = uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    int originPort = uri.getPort() < 0 ? defaultPort : uri.getPort();
    int hostPort = authority.port() < 0 ? defaultPort : authority.port();
    return bare(uri.getHost()).equals(bare(authority.host())) && originPort == hostPort;
  }

  /** Lower case, IPv6 brackets off: {@code [::1]} and {@code ::1} are one host. */
  private static String bare(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
  }

  private static Failure reject(String why) {
    return ErrorCode.CSRF_REJECTED.failure("cookie-authenticated requests must come from this site's own pages (" + why + ")");
  }
}
