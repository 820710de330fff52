package io.kinetic.gateway;

import io.kinetic.kernel.bus.Addresses;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.contract.catalog.Attribute;
import io.kinetic.kernel.contract.catalog.AttributeInput;
import io.kinetic.kernel.contract.catalog.AttributeList;
import io.kinetic.kernel.contract.catalog.Category;
import io.kinetic.kernel.contract.catalog.CategoryInput;
import io.kinetic.kernel.contract.catalog.CategoryList;
import io.kinetic.kernel.contract.catalog.DefineAttribute;
import io.kinetic.kernel.contract.catalog.DeleteAttribute;
import io.kinetic.kernel.contract.catalog.DeleteCategory;
import io.kinetic.kernel.contract.catalog.ListAttributes;
import io.kinetic.kernel.contract.catalog.ListCategories;
import io.kinetic.kernel.contract.catalog.SaveCategory;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** Admin categories and attribute definitions (roles catalog or admin, see openapi.yaml). */
final class AdminTaxonomyRoutes {

  private final BusClient bus;
  private final Locales locales;

  AdminTaxonomyRoutes(BusClient bus, Locales locales) {
    this.bus = bus;
    this.locales = locales;
  }

  void mount(RouterBuilder builder) {
    builder.getRoute("adminListCategories").addHandler(this::categories);
    builder.getRoute("adminCreateCategory").addHandler(rc -> saveCategory(rc, new SaveCategory(null, Bodies.read(rc, CategoryInput.class))));
    builder.getRoute("adminUpdateCategory").addHandler(rc ->
      saveCategory(rc, new SaveCategory(AdminCatalogRoutes.id(rc), Bodies.read(rc, CategoryInput.class))));
    builder.getRoute("adminDeleteCategory").addHandler(rc ->
      deleted(rc, Addresses.Catalog.DELETE_CATEGORY, new DeleteCategory(AdminCatalogRoutes.id(rc))));
    builder.getRoute("adminListAttributes").addHandler(this::attributes);
    builder.getRoute("adminDefineAttribute").addHandler(this::defineAttribute);
    builder.getRoute("adminDeleteAttribute").addHandler(rc ->
      deleted(rc, Addresses.Catalog.DELETE_ATTRIBUTE, new DeleteAttribute(rc.pathParam("code"))));
  }

  private void categories(RoutingContext rc) {
    bus.<CategoryList>request(Addresses.Catalog.LIST_CATEGORIES, new ListCategories(locales.of(rc.request()), null),
        Requests.correlationId(rc))
      .onComplete(Replies.to(rc, Replies::ok));
  }

  private void saveCategory(RoutingContext rc, SaveCategory command) {
    bus.<Category>request(Addresses.Catalog.SAVE_CATEGORY, command, Requests.correlationId(rc))
      .onComplete(Replies.to(rc, Replies::ok));
  }

  private void attributes(RoutingContext rc) {
    bus.<AttributeList>request(Addresses.Catalog.LIST_ATTRIBUTES, new ListAttributes(locales.of(rc.request())),
        Requests.correlationId(rc))
      .onComplete(Replies.to(rc, Replies::ok));
  }

  private void defineAttribute(RoutingContext rc) {
    var command = new DefineAttribute(Bodies.read(rc, AttributeInput.class));
    bus.<Attribute>request(Addresses.Catalog.DEFINE_ATTRIBUTE, command, Requests.correlationId(rc))
      .onComplete(Replies.to(rc, Replies::ok));
  }

  private void deleted(RoutingContext rc, String address, Object command) {
    bus.request(address, command, Requests.correlationId(rc))
      .onComplete(Replies.to(rc, (r, done) -> Replies.noContent(r)));
  }
}
