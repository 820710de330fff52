package io.kinetic.gateway.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kinetic.gateway.Bodies;
import io.kinetic.gateway.Replies;
import io.kinetic.gateway.Requests;
import io.kinetic.gateway.edge.RestOperations;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.Endpoint;
import io.kinetic.kernel.contract.catalog.AddVariant;
import io.kinetic.kernel.contract.catalog.CreateProduct;
import io.kinetic.kernel.contract.catalog.DeleteProduct;
import io.kinetic.kernel.contract.catalog.GetAdminProduct;
import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.contract.catalog.ProductInput;
import io.kinetic.kernel.contract.catalog.RemoveVariant;
import io.kinetic.kernel.contract.catalog.SetPrice;
import io.kinetic.kernel.contract.catalog.SetStock;
import io.kinetic.kernel.contract.catalog.UpdateProduct;
import io.kinetic.kernel.contract.catalog.VariantInput;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.money.Money;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** Admin product writes and reads: products, variants, prices, stock (roles catalog or admin, see openapi/catalog.yaml). */
final class AdminCatalogRoutes {

  private final BusClient bus;
  private final ProductListQueries queries;

  AdminCatalogRoutes(BusClient bus, ProductListQueries queries) {
    this.bus = bus;
    this.queries = queries;
  }

  record PriceBody(long amount) {
  }

  record StockBody(int onHand) {
  }

  void bind(RestOperations operations) {
    operations.bind("adminListProducts", this::list);
    operations.bind("adminGetProduct", rc -> product(rc, new GetAdminProduct(id(rc)), CatalogApi.GET_ADMIN_PRODUCT, 200));
    operations.bind("adminCreateProduct", rc ->
      product(rc, new CreateProduct(Bodies.read(rc, ProductInput.class)), CatalogApi.CREATE_PRODUCT, 201));
    operations.bind("adminUpdateProduct", this::update);
    operations.bind("adminDeleteProduct", this::delete);
    operations.bind("adminAddVariant", rc ->
      product(rc, new AddVariant(id(rc), Bodies.read(rc, VariantInput.class)), CatalogApi.ADD_VARIANT, 201));
    operations.bind("adminRemoveVariant", rc ->
      product(rc, new RemoveVariant(rc.pathParam("sku")), CatalogApi.REMOVE_VARIANT, 200));
    operations.bind("adminSetPrice", this::setPrice);
    operations.bind("adminSetStock", rc ->
      product(rc, new SetStock(rc.pathParam("sku"), Bodies.read(rc, StockBody.class).onHand()), CatalogApi.SET_STOCK, 200));
  }

  private void list(RoutingContext rc) {
    // the catalog names the words "query" (GraphQL's filter does too); here they are "q"
    Replies.named(bus.request(CatalogApi.LIST_ADMIN_PRODUCTS, queries.fromQuery(rc, true), Requests.caller(rc)),
        field -> "query".equals(field) ? "q" : field)
      .onComplete(Replies.to(rc, Replies::ok));
  }

  private void update(RoutingContext rc) {
    var body = Bodies.tree(rc);
    if (!(body instanceof ObjectNode object) || object.path("version").isMissingNode() || object.path("version").isNull()) {
      throw Failure.invalid("version", "is required");
    }
    // the contract's range refuses any other first; a number too large was taken for a missing one
    if (!object.path("version").isIntegralNumber() || !object.path("version").canConvertToLong()) {
      throw Failure.invalid("version", "must be an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE);
    }
    long version = object.remove("version").asLong();
    var command = new UpdateProduct(id(rc), version, Bodies.convert(object, ProductInput.class));
    product(rc, command, CatalogApi.UPDATE_PRODUCT, 200);
  }

  private void delete(RoutingContext rc) {
    bus.request(CatalogApi.DELETE_PRODUCT, new DeleteProduct(id(rc)), Requests.caller(rc))
      .onComplete(Replies.to(rc, (r, done) -> Replies.noContent(r)));
  }

  private void setPrice(RoutingContext rc) {
    String currency = rc.pathParam("currency");
    if (!Money.isCurrency(currency)) {
      throw Failure.invalid("currency", "is not an ISO 4217 currency code");
    }
    long amount = Bodies.read(rc, PriceBody.class).amount();
    product(rc, new SetPrice(rc.pathParam("sku"), Money.of(amount, currency)), CatalogApi.SET_PRICE, 200);
  }

  private <Q> void product(RoutingContext rc, Q command, Endpoint<Q, Product> endpoint, int status) {
    bus.request(endpoint, command, Requests.caller(rc))
      .onComplete(Replies.to(rc, (r, reply) -> Replies.json(r, status, reply)));
  }

  /** The validated {@code {id}} path parameter (format uuid in the contract). */
  static UUID id(RoutingContext rc) {
    return UUID.fromString(rc.pathParam("id"));
  }
}
