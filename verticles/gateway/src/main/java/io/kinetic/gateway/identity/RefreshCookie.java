package io.kinetic.gateway.identity;

import io.kinetic.kernel.contract.identity.Realm;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

/**
 * The refresh token of a browser session, kept where page scripts cannot read it: an
 * {@code HttpOnly}, {@code SameSite=Strict} cookie, {@code Secure} when the request came over TLS,
 * scoped to its realm's auth path (so it travels to login, refresh and logout of that realm only).
 *
 * <p>A request opts in with the header {@code X-Refresh-Token: cookie}: login and refresh then set
 * the cookie and leave the refresh token out of the body, refresh and logout take the token from
 * the cookie. Such a request must be same-origin ({@link SameOrigin}), else {@code CSRF_REJECTED}.
 * Without the header the cookie is ignored and the token travels in the JSON body, as API clients
 * do. The customer cookie lives as long as the refresh token; the staff cookie ends with the
 * browser session, as the admin's session did in {@code sessionStorage}.
 */
final class RefreshCookie {

  static final String HEADER = "X-Refresh-Token";
  static final String COOKIE = "cookie";
  static final String CUSTOMER_NAME = "kinetic_refresh";
  static final String STAFF_NAME = "kinetic_admin_refresh";
  /** No Max-Age: the browser drops the cookie when it closes. */
  private static final long SESSION = -1;

  private final String name;
  private final String path;
  private final long maxAgeSeconds;

  private RefreshCookie(String name, String path, long maxAgeSeconds) {
    this.name = name;
    this.path = path;
    this.maxAgeSeconds = maxAgeSeconds;
  }

  static RefreshCookie of(Realm realm, long refreshTtlSeconds) {
    return realm == Realm.STAFF
      ? new RefreshCookie(STAFF_NAME, "/api/v1/admin/auth", SESSION)
      : new RefreshCookie(CUSTOMER_NAME, "/api/v1/auth", refreshTtlSeconds);
  }

  /**
   * Whether {@code rc} asks for the cookie transport. Throws {@code CSRF_REJECTED} when it does
   * from another site, {@code VALIDATION_FAILED} for another header value.
   */
  boolean requested(RoutingContext rc) {
    String mode = rc.request().getHeader(HEADER);
    if (mode == null) {
      return false;
    }
    if (!COOKIE.equals(mode)) {
      throw Failure.invalid(HEADER, "must be \"cookie\" (or be left out, with the token in the body)");
    }
    SameOrigin.verify(rc);
    return true;
  }

  /** The token of the cookie, or null. */
  String read(RoutingContext rc) {
    Cookie cookie = rc.request().getCookie(name);
    return cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
  }

  /** The token of the cookie; {@code TOKEN_INVALID} when there is none. */
  String require(RoutingContext rc) {
    String token = read(rc);
    if (token == null) {
      throw ErrorCode.TOKEN_INVALID.failure("no refresh cookie: sign in again");
    }
    return token;
  }

  void set(RoutingContext rc, String token) {
    Cookie cookie = base(rc, token);
    if (maxAgeSeconds != SESSION) {
      cookie.setMaxAge(maxAgeSeconds);
    }
    rc.response().addCookie(cookie);
  }

  /** Tells the browser to drop the cookie (same name and path, expired). */
  void clear(RoutingContext rc) {
    rc.response().addCookie(base(rc, "").setMaxAge(0));
  }

  private Cookie base(RoutingContext rc, String value) {
    return Cookie.cookie(name, value)
      .setPath(path)
      .setHttpOnly(true)
      .setSecure(rc.request().isSSL())
      .setSameSite(CookieSameSite.STRICT);
  }
}
