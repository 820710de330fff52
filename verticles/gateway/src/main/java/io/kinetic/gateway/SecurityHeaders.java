package io.kinetic.gateway;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers the edge sets whatever the route. {@code X-Content-Type-Options: nosniff} on every
 * response: set by {@link #everyResponse} before the router runs, so the router's own errors and
 * static files carry it too (and by {@link InvalidRequests} for requests that never reach it).
 * {@code Cache-Control: no-store} on responses that carry tokens or personal or staff data, set
 * by {@link #noStore} for their paths: {@code /api/v1/auth/*} (tokens), {@code /api/v1/me}, all of
 * {@code /api/v1/admin/*} and {@code /admin/graphql}, and {@code /graphql} when it is a POST (the
 * mutations return tokens) or carries a bearer token.
 */
final class SecurityHeaders {

  static final CharSequence NOSNIFF_NAME = HttpHeaders.createOptimized("X-Content-Type-Options");
  static final CharSequence NOSNIFF = HttpHeaders.createOptimized("nosniff");
  static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");

  private SecurityHeaders() {
  }

  /** The server's request handler: {@code router} behind the headers every response gets. */
  static Handler<HttpServerRequest> everyResponse(Handler<HttpServerRequest> router) {
    return request -> {
      request.response().headers().set(NOSNIFF_NAME, NOSNIFF);
      router.handle(request);
    };
  }

  /**
   * A root handler: no-store where {@link #isPrivate} says so; nosniff again (a HEAD rerouted as
   * its GET starts with the headers set before the router cleared).
   */
  static void noStore(RoutingContext rc) {
    rc.response().headers().set(NOSNIFF_NAME, NOSNIFF);
    String path;
    try {
      path = rc.normalizedPath();
    } catch (IllegalArgumentException undecodable) {
      // e.g. "%zz": no route will match it, the router answers 400
      path = rc.request().path();
    }
    if (isPrivate(path, rc.request())) {
      rc.response().headers().set(HttpHeaders.CACHE_CONTROL, NO_STORE);
    }
    rc.next();
  }

  static boolean isPrivate(String path, HttpServerRequest request) {
    if (path.startsWith("/api/v1/admin/") || path.equals("/api/v1/admin") || path.startsWith("/admin/graphql")
      || path.startsWith("/api/v1/auth/") || path.equals("/api/v1/me") || path.startsWith("/api/v1/me/")
      || path.startsWith("/api/v1/orders") || path.startsWith("/api/v1/checkout/") || path.startsWith("/webhooks/")) {
      return true;
    }
    // a shop query naming a cart or an order by its token is that shopper's, however it is sent
    return path.equals("/graphql") && (request.method() == HttpMethod.POST || request.headers().contains(HttpHeaders.AUTHORIZATION)
      || request.headers().contains("X-Cart-Token") || request.headers().contains("X-Order-Token"));
  }
}
