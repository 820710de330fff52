package io.kinetic.gateway.catalog;

import io.kinetic.gateway.ConditionalGet;
import io.kinetic.gateway.Replies;
import io.kinetic.kernel.contract.catalog.ProductPage;
import io.kinetic.kernel.contract.catalog.ProductView;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * A storefront product as {@code GET /products/{id}} and {@code /products/by-slug/{slug}} answer
 * it (see their contract): cacheable for 30 s, with a weak ETag of id, version, availability and the locale
 * used, varying by {@code Accept-Language}; 304 without a body when {@code If-None-Match} already
 * names it. A new version (any write) or another locale is another tag.
 */
final class ProductReplies {

  private static final CharSequence PRODUCT_CACHE = HttpHeaders.createOptimized("public, max-age=30");
  private static final CharSequence ACCEPT_LANGUAGE = HttpHeaders.createOptimized("Accept-Language");

  private final ProductJson json;

  ProductReplies(ProductJson json) {
    this.json = json;
  }

  void product(RoutingContext rc, ProductView view) {
    String tag = "\"" + view.id() + '-' + view.version() + '-' + Long.toHexString(ProductJson.availability(view)) + '-'
      + view.locale() + '"';
    ConditionalGet.reply(rc, tag, PRODUCT_CACHE, ACCEPT_LANGUAGE, () -> Buffer.buffer(json.of(view)));
  }

  /** A storefront page of product cards (prices in {@code currency}), their JSON reused from {@link ProductJson}. */
  void page(RoutingContext rc, ProductPage page, String currency) {
    rc.response().putHeader(HttpHeaders.CONTENT_TYPE, Replies.JSON).end(json.page(page, currency));
  }
}
