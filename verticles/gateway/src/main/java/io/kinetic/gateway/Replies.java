package io.kinetic.gateway;

import io.kinetic.kernel.contract.catalog.ProductView;
import io.kinetic.kernel.json.Json;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BiConsumer;

/** Writes bus replies as JSON: each reply record is serialized once, straight into the response buffer. */
final class Replies {

  static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
  private static final CharSequence PRODUCT_CACHE = HttpHeaders.createOptimized("public, max-age=30");
  private static final CharSequence ACCEPT_LANGUAGE = HttpHeaders.createOptimized("Accept-Language");

  private Replies() {
  }

  /**
   * Completes {@code rc} with a bus reply: {@code write} on success, the problem handler on
   * failure, and also when {@code write} throws (a reply that cannot be encoded): a throw inside an
   * {@code onSuccess} callback would otherwise leave the request without any response.
   */
  static <T> Handler<AsyncResult<T>> to(RoutingContext rc, BiConsumer<RoutingContext, T> write) {
    return reply -> {
      if (reply.failed()) {
        rc.fail(reply.cause());
        return;
      }
      try {
        write.accept(rc, reply.result());
      } catch (RuntimeException e) {
        rc.fail(e);
      }
    };
  }

  static void json(RoutingContext rc, int status, Object body) {
    rc.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(Json.encode(body));
  }

  static void ok(RoutingContext rc, Object body) {
    json(rc, 200, body);
  }

  static void created(RoutingContext rc, Object body) {
    json(rc, 201, body);
  }

  static void noContent(RoutingContext rc) {
    rc.response().setStatusCode(204).end();
  }

  /**
   * A storefront product, cacheable for 30 s, with a weak ETag of id, version and the locale used;
   * 304 without a body when {@code If-None-Match} already names it.
   */
  static void product(RoutingContext rc, ProductView view) {
    String tag = "\"" + view.id() + '-' + view.version() + '-' + view.locale() + '"';
    var response = rc.response()
      .putHeader(HttpHeaders.CACHE_CONTROL, PRODUCT_CACHE)
      .putHeader(HttpHeaders.ETAG, "W/" + tag)
      .putHeader(HttpHeaders.VARY, ACCEPT_LANGUAGE);
    String ifNoneMatch = rc.request().getHeader(HttpHeaders.IF_NONE_MATCH);
    if (ifNoneMatch != null && (ifNoneMatch.contains(tag) || ifNoneMatch.trim().equals("*"))) {
      response.setStatusCode(304).end();
      return;
    }
    response.putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(Buffer.buffer(Json.bytes(view)));
  }
}
