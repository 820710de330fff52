package io.kinetic.gateway.catalog;

import io.kinetic.gateway.Locales;
import io.kinetic.gateway.Replies;
import io.kinetic.gateway.Requests;
import io.kinetic.gateway.edge.RestOperations;
import io.kinetic.gateway.openapi.StringRule;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.GetProduct;
import io.kinetic.kernel.contract.catalog.GetProductBySlug;
import io.kinetic.kernel.contract.catalog.ListAttributes;
import io.kinetic.kernel.contract.catalog.ListCategories;
import io.kinetic.kernel.contract.catalog.ListProducts;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.id.Ids;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * Storefront reads: products (list, by id, by slug), categories and attributes.
 * The two single-product reads are the hottest path and skip the contract check; their one path
 * parameter is checked here instead, by the contract's own rule (the {@code Slug} schema, read
 * from the merged contract) or as a UUID (its {@code format}).
 */
final class StorefrontRoutes {

  private final BusClient bus;
  private final Locales locales;
  private final ProductListQueries queries;
  private final StringRule slugs;
  private final ProductReplies replies;

  StorefrontRoutes(BusClient bus, Locales locales, ProductListQueries queries, StringRule slugs, ProductReplies replies) {
    this.bus = bus;
    this.locales = locales;
    this.queries = queries;
    this.slugs = slugs;
    this.replies = replies;
  }

  void bind(RestOperations operations) {
    operations.bindUnvalidated("getProduct", this::product);
    operations.bindUnvalidated("getProductBySlug", this::productBySlug);
    operations.bind("listProducts", this::products);
    operations.bind("listCategories", this::categories);
    operations.bind("listAttributes", this::attributes);
  }

  private void product(RoutingContext rc) {
    var id = Ids.parse(rc.pathParam("id"));
    if (id.isEmpty()) {
      rc.fail(Failure.invalid("id", "must be a UUID"));
      return;
    }
    UUID productId = id.get();
    bus.request(CatalogApi.GET_PRODUCT, new GetProduct(productId, locales.of(rc.request()), false), Requests.caller(rc))
      .onComplete(Replies.to(rc, replies::product));
  }

  private void productBySlug(RoutingContext rc) {
    String slug = rc.pathParam("slug");
    if (!slugs.accepts(slug)) {
      rc.fail(Failure.invalid("slug", slugs.expectation()));
      return;
    }
    bus.request(CatalogApi.GET_PRODUCT_BY_SLUG, new GetProductBySlug(slug, locales.of(rc.request()), false),
        Requests.caller(rc))
      .onComplete(Replies.to(rc, replies::product));
  }

  private void products(RoutingContext rc) {
    ListProducts query = queries.fromQuery(rc, false);
    bus.request(CatalogApi.LIST_PRODUCTS, query, Requests.caller(rc))
      .onComplete(Replies.to(rc, (ctx, page) -> replies.page(ctx, page, query.currency())));
  }

  private void categories(RoutingContext rc) {
    bus.request(CatalogApi.LIST_CATEGORIES, new ListCategories(locales.of(rc.request()), null), Requests.caller(rc))
      .onComplete(Replies.to(rc, Replies::ok));
  }

  private void attributes(RoutingContext rc) {
    bus.request(CatalogApi.LIST_ATTRIBUTES, new ListAttributes(locales.of(rc.request())), Requests.caller(rc))
      .onComplete(Replies.to(rc, Replies::ok));
  }
}
