package io.kinetic.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * A cacheable JSON answer to a GET, revalidated by a weak entity tag: {@code 304 Not Modified}
 * without a body when the request's {@code If-None-Match} names the tag (or is {@code *}), else
 * 200 with the body. What the tag is made of, how long clients may cache and what the answer
 * varies by are the calling edge's business (e.g. the catalog's product reads).
 */
public final class ConditionalGet {

  private ConditionalGet() {
  }

  /**
   * @param tag the quoted entity tag, e.g. {@code "\"<id>-<version>-<locale>\""}; sent as {@code W/<tag>}
   * @param cacheControl the {@code Cache-Control} of both answers
   * @param vary the request header the answer depends on ({@code Vary}), or null
   * @param body written only for a 200
   */
  public static void reply(RoutingContext rc, String tag, CharSequence cacheControl, CharSequence vary,
                           Supplier<Buffer> body) {
    var response = rc.response()
      .putHeader(HttpHeaders.CACHE_CONTROL, cacheControl)
      .putHeader(HttpHeaders.ETAG, "W/" + tag);
    if (vary != null) {
      response.putHeader(HttpHeaders.VARY, vary);
    }
    String ifNoneMatch = rc.request().getHeader(HttpHeaders.IF_NONE_MATCH);
    if (ifNoneMatch != null && (ifNoneMatch.contains(tag) || ifNoneMatch.trim().equals("*"))) {
      response.setStatusCode(304).end();
      return;
    }
    response.putHeader(HttpHeaders.CONTENT_TYPE, Replies.JSON).end(body.get());
  }
}
