package io.kinetic.gateway.catalog;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.kinetic.gateway.Locales;
import io.kinetic.gateway.graphql.Gql;
import io.kinetic.gateway.graphql.GqlTypes;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.CategoryList;
import io.kinetic.kernel.contract.catalog.GetProduct;
import io.kinetic.kernel.contract.catalog.GetProductBySlug;
import io.kinetic.kernel.contract.catalog.ListCategories;
import io.kinetic.kernel.contract.catalog.ListProducts;
import io.kinetic.kernel.contract.catalog.ProductCard;
import io.kinetic.kernel.contract.catalog.ProductView;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.id.Ids;
import io.vertx.core.Future;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Data fetchers of the catalog's storefront fields (graphql/catalog/shop.graphqls): each is one bus
 * request, and the subscription {@code productChanged} ({@link ProductChanges}).
 */
final class CatalogShopFetchers {

  private final BusClient bus;
  private final Locales locales;
  private final ProductListQueries queries;
  private final ProductChanges changes;

  CatalogShopFetchers(BusClient bus, Locales locales, ProductListQueries queries, ProductChanges changes, long lowStock) {
    this.lowStock = lowStock;
    this.bus = bus;
    this.locales = locales;
    this.queries = queries;
    this.changes = changes;
  }

  /** A card says "low" at this many units or fewer ({@code catalog.lowStockThreshold}). */
  private final long lowStock;

  void wire(RuntimeWiring.Builder wiring) {
    wiring
      .type("Query", t -> t
        .dataFetcher("product", this::product)
        .dataFetcher("productBySlug", this::productBySlug)
        .dataFetcher("products", this::products)
        .dataFetcher("categories", this::categories))
      .type("Subscription", t -> t.dataFetcher("productChanged", changes::productChanged))
      .type("Product", t -> t.dataFetcher("categories", CategoryLoader::categoriesOf))
      .type("ProductCard", t -> t.dataFetcher("availability", CatalogShopFetchers::availability));
  }

  private Future<ProductView> product(DataFetchingEnvironment env) {
    String raw = env.getArgument("id");
    var id = Ids.parse(raw).orElseThrow(() ->
      Failure.invalid("id", "must be a UUID"));
    return bus.request(CatalogApi.GET_PRODUCT, new GetProduct(id, Gql.locale(env, locales), false), Gql.caller(env))
      .onSuccess(product -> CatalogCacheTags.product(env, product));
  }

  private Future<ProductView> productBySlug(DataFetchingEnvironment env) {
    var query = new GetProductBySlug(env.getArgument("slug"), Gql.locale(env, locales), false);
    return bus.request(CatalogApi.GET_PRODUCT_BY_SLUG, query, Gql.caller(env))
      .onSuccess(product -> CatalogCacheTags.product(env, product));
  }

  private Future<GqlTypes.Connection> products(DataFetchingEnvironment env) {
    ListProducts query = queries.fromArguments(env, false);
    return bus.request(CatalogApi.LIST_PRODUCTS, query, Gql.caller(env))
      .onSuccess(page -> CatalogCacheTags.list(env, page.items()))
      .map(page -> GqlTypes.Connection.of(page.items().stream().map(p -> ProductCard.of(p, query.currency(), lowStock)).toList(),
        page.nextCursor()));
  }

  /** A card's level as the schema's enum (a list's cards and the search's alike). */
  private static String availability(DataFetchingEnvironment env) {
    Object source = env.getSource();
    Object level = source instanceof ProductCard card ? card.availability()
      : source instanceof Map<?, ?> map ? map.get("availability") : null;
    return level == null ? null : level.toString().toUpperCase(Locale.ROOT);
  }

  private Future<List<?>> categories(DataFetchingEnvironment env) {
    return bus.request(CatalogApi.LIST_CATEGORIES, new ListCategories(Gql.locale(env, locales), null), Gql.caller(env))
      .onSuccess(list -> CatalogCacheTags.taxonomy(env))
      .map(CategoryList::items);
  }
}
