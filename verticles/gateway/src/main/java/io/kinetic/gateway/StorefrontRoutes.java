package io.kinetic.gateway;

import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.contract.catalog.AttributeList;
import io.kinetic.kernel.contract.catalog.CategoryList;
import io.kinetic.kernel.contract.catalog.GetProduct;
import io.kinetic.kernel.contract.catalog.GetProductBySlug;
import io.kinetic.kernel.contract.catalog.ListAttributes;
import io.kinetic.kernel.contract.catalog.ListCategories;
import io.kinetic.kernel.contract.catalog.ProductPage;
import io.kinetic.kernel.contract.catalog.ProductView;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.error.FieldError;
import io.kinetic.kernel.id.Ids;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.List;
import java.util.UUID;

/**
 * Storefront reads: products (list, by id, by slug), categories and attributes.
 * The two single-product reads are the hot path and skip the OpenAPI validator, whose every call
 * hops to a worker thread ({@code RequestValidator} runs in {@code executeBlocking}); their one
 * path parameter is checked here instead, with the same rules as openapi.yaml.
 */
final class StorefrontRoutes {

  private static final int MAX_SLUG = 200;
  private final BusClient bus;
  private final Locales locales;
  private final ProductQueries queries;

  StorefrontRoutes(BusClient bus, Locales locales, ProductQueries queries) {
    this.bus = bus;
    this.locales = locales;
    this.queries = queries;
  }

  void mount(RouterBuilder builder, OpenAPIContract contract) {
    builder.getRoute("getProduct").setDoValidation(false).addHandler(this::product);
    builder.getRoute("getProductBySlug").setDoValidation(false).addHandler(this::productBySlug);
    builder.getRoute("listProducts").setDoValidation(false)
      .addHandler(ParameterValidation.of(contract, "listProducts")).addHandler(this::products);
    builder.getRoute("listCategories").setDoValidation(false)
      .addHandler(ParameterValidation.of(contract, "listCategories")).addHandler(this::categories);
    builder.getRoute("listAttributes").setDoValidation(false)
      .addHandler(ParameterValidation.of(contract, "listAttributes")).addHandler(this::attributes);
  }

  private void product(RoutingContext rc) {
    String raw = rc.pathParam("id");
    var id = Ids.parse(raw);
    if (id.isEmpty()) {
      rc.fail(Failure.of(ErrorCode.INVALID_ID, "id must be a UUID", List.of(new FieldError("id", "must be a UUID"))));
      return;
    }
    UUID productId = id.get();
    bus.request(CatalogApi.GET_PRODUCT, new GetProduct(productId, locales.of(rc.request()), false),
        Requests.caller(rc))
      .onComplete(Replies.to(rc, Replies::product));
  }

  private void productBySlug(RoutingContext rc) {
    String slug = rc.pathParam("slug");
    if (!isSlug(slug)) {
      rc.fail(Failure.invalid("slug", "must be lower-case letters and digits separated by single dashes"));
      return;
    }
    bus.request(CatalogApi.GET_PRODUCT_BY_SLUG, new GetProductBySlug(slug, locales.of(rc.request()), false),
        Requests.caller(rc))
      .onComplete(Replies.to(rc, Replies::product));
  }

  private void products(RoutingContext rc) {
    bus.request(CatalogApi.LIST_PRODUCTS, queries.of(rc, false), Requests.caller(rc))
      .onComplete(Replies.to(rc, Replies::ok));
  }

  private void categories(RoutingContext rc) {
    bus.request(CatalogApi.LIST_CATEGORIES, new ListCategories(locales.of(rc.request()), null),
        Requests.caller(rc))
      .onComplete(Replies.to(rc, Replies::ok));
  }

  private void attributes(RoutingContext rc) {
    bus.request(CatalogApi.LIST_ATTRIBUTES, new ListAttributes(locales.of(rc.request())),
        Requests.caller(rc))
      .onComplete(Replies.to(rc, Replies::ok));
  }

  /** Same rule as the {@code Slug} schema: {@code ^[a-z0-9]+(?:-[a-z0-9]+)*$}, at most 200 characters. */
  static boolean isSlug(String slug) {
    if (slug == null || slug.isEmpty() || slug.length() > MAX_SLUG) {
      return false;
    }
    char previous = '-';
    for (int i = 0; i < slug.length(); i++) {
      char c = slug.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (!alnum && (c != '-' || previous == '-')) {
        return false;
      }
      previous = c;
    }
    return previous != '-';
  }
}
