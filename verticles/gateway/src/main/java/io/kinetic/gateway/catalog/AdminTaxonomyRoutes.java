package io.kinetic.gateway.catalog;

import io.kinetic.gateway.Bodies;
import io.kinetic.gateway.Locales;
import io.kinetic.gateway.Replies;
import io.kinetic.gateway.Requests;
import io.kinetic.gateway.edge.RestOperations;
import io.kinetic.kernel.contract.Deleted;
import io.kinetic.kernel.bus.Endpoint;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.contract.catalog.AttributeInput;
import io.kinetic.kernel.contract.catalog.CategoryInput;
import io.kinetic.kernel.contract.catalog.DefineAttribute;
import io.kinetic.kernel.contract.catalog.DeleteAttribute;
import io.kinetic.kernel.contract.catalog.DeleteCategory;
import io.kinetic.kernel.contract.catalog.ListAttributes;
import io.kinetic.kernel.contract.catalog.ListCategories;
import io.kinetic.kernel.contract.catalog.SaveCategory;
import io.vertx.ext.web.RoutingContext;

/** Admin categories and attribute definitions (roles catalog or admin, see openapi/catalog.yaml). */
final class AdminTaxonomyRoutes {

  private final BusClient bus;
  private final Locales locales;

  AdminTaxonomyRoutes(BusClient bus, Locales locales) {
    this.bus = bus;
    this.locales = locales;
  }

  void bind(RestOperations operations) {
    operations.bind("adminListCategories", this::categories);
    operations.bind("adminCreateCategory", rc -> saveCategory(rc, new SaveCategory(null, Bodies.read(rc, CategoryInput.class))));
    operations.bind("adminUpdateCategory", rc ->
      saveCategory(rc, new SaveCategory(AdminCatalogRoutes.id(rc), Bodies.read(rc, CategoryInput.class))));
    operations.bind("adminDeleteCategory", rc ->
      deleted(rc, CatalogApi.DELETE_CATEGORY, new DeleteCategory(AdminCatalogRoutes.id(rc))));
    operations.bind("adminListAttributes", this::attributes);
    operations.bind("adminDefineAttribute", this::defineAttribute);
    operations.bind("adminDeleteAttribute", rc ->
      deleted(rc, CatalogApi.DELETE_ATTRIBUTE, new DeleteAttribute(rc.pathParam("code"))));
  }

  private void categories(RoutingContext rc) {
    bus.request(CatalogApi.LIST_CATEGORIES, new ListCategories(locales.of(rc.request()), null),
        Requests.caller(rc))
      .onComplete(Replies.to(rc, Replies::ok));
  }

  private void saveCategory(RoutingContext rc, SaveCategory command) {
    bus.request(CatalogApi.SAVE_CATEGORY, command, Requests.caller(rc))
      .onComplete(Replies.to(rc, Replies::ok));
  }

  private void attributes(RoutingContext rc) {
    bus.request(CatalogApi.LIST_ATTRIBUTES, new ListAttributes(locales.of(rc.request())),
        Requests.caller(rc))
      .onComplete(Replies.to(rc, Replies::ok));
  }

  private void defineAttribute(RoutingContext rc) {
    var command = new DefineAttribute(Bodies.read(rc, AttributeInput.class));
    bus.request(CatalogApi.DEFINE_ATTRIBUTE, command, Requests.caller(rc))
      .onComplete(Replies.to(rc, Replies::ok));
  }

  private <Q> void deleted(RoutingContext rc, Endpoint<Q, Deleted> endpoint, Q command) {
    bus.request(endpoint, command, Requests.caller(rc))
      .onComplete(Replies.to(rc, (r, done) -> Replies.noContent(r)));
  }
}
