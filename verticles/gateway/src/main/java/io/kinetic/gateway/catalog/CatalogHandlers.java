package io.kinetic.gateway.catalog;

import graphql.schema.idl.RuntimeWiring;
import io.kinetic.gateway.edge.EdgeContext;
import io.kinetic.gateway.edge.EdgeHandlers;
import io.kinetic.gateway.edge.EdgeLoader;
import io.kinetic.gateway.edge.GraphQlApi;
import io.kinetic.gateway.edge.RestOperations;
import io.kinetic.gateway.graphql.SourceFields;
import io.kinetic.gateway.openapi.StringRule;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.Variant;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The catalog edge in one gateway instance: REST routes, GraphQL fetchers and the category loader. */
final class CatalogHandlers implements EdgeHandlers {

  private final EdgeContext context;
  private final ProductReplies replies;
  private final ProductListQueries queries;

  CatalogHandlers(EdgeContext context) {
    this.context = context;
    var json = ProductJson.of(context.vertx(), Duration.ofSeconds(context.config().catalog().cacheTtlSeconds()),
      context.config().catalog().lowStockThreshold());
    this.replies = new ProductReplies(json);
    // a number attribute's unit is part of every product's view: new definitions, new JSON
    context.vertx().eventBus().consumer(CatalogApi.Events.ATTRIBUTE_CHANGED, message -> {
      json.clear();
      context.vertx().setTimer(1_000, id -> json.clear());
    });
    this.queries = new ProductListQueries(context.locales(), context.config().catalog().defaultCurrency(),
      StringRule.of(context.contract(), "AttributeCode"));
  }

  @Override
  public void bindOperations(RestOperations operations) {
    new StorefrontRoutes(context.bus(), context.locales(), queries, StringRule.of(context.contract(), "Slug"), replies)
      .bind(operations);
    new AdminCatalogRoutes(context.bus(), queries).bind(operations);
    new AdminTaxonomyRoutes(context.bus(), context.locales()).bind(operations);
  }

  @Override
  public void mountRoutes(Router router) {
    PlaceholderSvg.mount(router);
    new ShopPages(context.bus(), context.shell(), StringRule.of(context.contract(), "Slug"), context.config().catalog().defaultLocale(),
      context.config().catalog().defaultCurrency()).mount(router);
  }

  @Override
  public void wire(GraphQlApi api, RuntimeWiring.Builder wiring) {
    wiring.type("Variant", t -> t.dataFetcher("options", SourceFields.of(Variant.class, CatalogShapes::options)).dataFetcher("price", CatalogShapes::price));
    switch (api) {
      case SHOP -> new CatalogShopFetchers(context.bus(), context.locales(), queries,
        new ProductChanges(context.vertx(), context.bus(), context.locales(), context.live()),
        context.config().catalog().lowStockThreshold()).wire(wiring);
      case ADMIN -> new CatalogAdminFetchers(context.bus(), context.locales(), queries).wire(wiring);
    }
  }

  @Override
  public Map<String, Function<Object, Collection<String>>> invalidations() {
    return CatalogCacheTags.INVALIDATIONS;
  }

  @Override
  public List<EdgeLoader> loaders(GraphQlApi api) {
    return api == GraphQlApi.SHOP ? List.of(CategoryLoader.declaration(context.bus())) : List.of();
  }
}
