package io.kinetic.gateway.catalog;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.kinetic.gateway.Locales;
import io.kinetic.gateway.graphql.Gql;
import io.kinetic.gateway.graphql.GqlTypes;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.Endpoint;
import io.kinetic.kernel.contract.catalog.AddVariant;
import io.kinetic.kernel.contract.catalog.Attribute;
import io.kinetic.kernel.contract.catalog.AttributeList;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.Category;
import io.kinetic.kernel.contract.catalog.CategoryList;
import io.kinetic.kernel.contract.catalog.CreateProduct;
import io.kinetic.kernel.contract.catalog.DefineAttribute;
import io.kinetic.kernel.contract.catalog.DeleteAttribute;
import io.kinetic.kernel.contract.catalog.DeleteCategory;
import io.kinetic.kernel.contract.catalog.DeleteProduct;
import io.kinetic.kernel.contract.catalog.GetAdminProduct;
import io.kinetic.kernel.contract.catalog.ListAttributes;
import io.kinetic.kernel.contract.catalog.ListCategories;
import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.contract.catalog.RemoveVariant;
import io.kinetic.kernel.contract.catalog.SaveCategory;
import io.kinetic.kernel.contract.catalog.SetPrice;
import io.kinetic.kernel.contract.catalog.SetStock;
import io.kinetic.kernel.contract.catalog.UpdateProduct;
import io.kinetic.kernel.error.Failure;
import io.vertx.core.Future;

/**
 * Data fetchers of the catalog's admin fields (graphql/catalog/admin.graphqls), mirroring the REST
 * admin catalogue; who may run them is their {@code @auth} there. Mutations answer {@code Problem}
 * for expected business failures ({@link Gql#mutation}).
 */
final class CatalogAdminFetchers {

  private final BusClient bus;
  private final Locales locales;
  private final ProductListQueries queries;

  CatalogAdminFetchers(BusClient bus, Locales locales, ProductListQueries queries) {
    this.bus = bus;
    this.locales = locales;
    this.queries = queries;
  }

  void wire(RuntimeWiring.Builder wiring) {
    wiring
      .type("Query", t -> t
        .dataFetcher("adminProduct", env -> product(env, CatalogApi.GET_ADMIN_PRODUCT,
          new GetAdminProduct(Gql.id("id", env.getArgument("id")))))
        .dataFetcher("adminProducts", env -> bus.request(CatalogApi.LIST_ADMIN_PRODUCTS, queries.fromArguments(env, true),
          Gql.caller(env)).map(page -> GqlTypes.Connection.of(page.items(), page.nextCursor())))
        .dataFetcher("categories", env -> bus.request(CatalogApi.LIST_CATEGORIES,
          new ListCategories(Gql.locale(env, locales), null), Gql.caller(env)).map(CategoryList::items))
        .dataFetcher("attributes", env -> bus.request(CatalogApi.LIST_ATTRIBUTES,
          new ListAttributes(Gql.locale(env, locales)), Gql.caller(env)).map(AttributeList::items)))
      .type("Mutation", t -> t
        .dataFetcher("createProduct", Gql.mutation(env -> product(env, CatalogApi.CREATE_PRODUCT,
          new CreateProduct(CatalogInputs.product(env.getArgument("input"))))))
        .dataFetcher("updateProduct", Gql.mutation(env -> product(env, CatalogApi.UPDATE_PRODUCT, new UpdateProduct(
          Gql.id("id", env.getArgument("id")), ((Number) env.getArgument("version")).longValue(),
          CatalogInputs.product(env.getArgument("input"))))))
        .dataFetcher("deleteProduct", Gql.mutation(env -> bus.request(CatalogApi.DELETE_PRODUCT,
          new DeleteProduct(Gql.id("id", env.getArgument("id"))), Gql.caller(env))))
        .dataFetcher("addVariant", Gql.mutation(env -> product(env, CatalogApi.ADD_VARIANT, new AddVariant(
          Gql.id("productId", env.getArgument("productId")), CatalogInputs.variant(env.getArgument("input"), "input")))))
        .dataFetcher("removeVariant", Gql.mutation(env -> product(env, CatalogApi.REMOVE_VARIANT,
          new RemoveVariant(sku(env)))))
        .dataFetcher("setPrice", Gql.mutation(env -> product(env, CatalogApi.SET_PRICE, new SetPrice(sku(env),
          CatalogInputs.money(((Number) env.getArgument("amount")).longValue(), env.getArgument("currency"), "price")))))
        .dataFetcher("setStock", Gql.mutation(this::setStock))
        .dataFetcher("saveCategory", Gql.mutation(env -> bus.request(CatalogApi.SAVE_CATEGORY, new SaveCategory(
          env.getArgument("id") == null ? null : Gql.id("id", env.getArgument("id")),
          CatalogInputs.category(env.getArgument("input"))), Gql.caller(env))))
        .dataFetcher("deleteCategory", Gql.mutation(env -> bus.request(CatalogApi.DELETE_CATEGORY,
          new DeleteCategory(Gql.id("id", env.getArgument("id"))), Gql.caller(env))))
        .dataFetcher("defineAttribute", Gql.mutation(env -> bus.request(CatalogApi.DEFINE_ATTRIBUTE,
          new DefineAttribute(CatalogInputs.attribute(env.getArgument("input"))), Gql.caller(env))))
        .dataFetcher("deleteAttribute", Gql.mutation(env -> bus.request(CatalogApi.DELETE_ATTRIBUTE,
          new DeleteAttribute(env.getArgument("code")), Gql.caller(env)))))
      .type("AdminProduct", t -> t.dataFetcher("translations", CatalogShapes::translations))
      .type("CategoryDefinition", t -> t.dataFetcher("names", env -> CatalogShapes.names(((Category) env.getSource()).names())))
      .type("AttributeDefinition", t -> t.dataFetcher("names", env -> CatalogShapes.names(((Attribute) env.getSource()).names())));
  }

  private <Q> Future<Product> product(DataFetchingEnvironment env, Endpoint<Q, Product> endpoint, Q command) {
    return bus.request(endpoint, command, Gql.caller(env));
  }

  private Future<?> setStock(DataFetchingEnvironment env) {
    int onHand = env.getArgument("onHand");
    if (onHand < 0) {
      throw Failure.invalid("onHand", "must be 0 or more");
    }
    return product(env, CatalogApi.SET_STOCK, new SetStock(sku(env), onHand));
  }

  /** A SKU as REST's contract takes one in a path (a text no SKU can be is VALIDATION_FAILED there, not VARIANT_NOT_FOUND). */
  private static String sku(DataFetchingEnvironment env) {
    String sku = Gql.text("sku", env.getArgument("sku"), 1, 64);
    if (sku != null && !SKU.matcher(sku).matches()) {
      throw Failure.invalid("sku", "must hold only letters, digits, '.', '_' and '-'");
    }
    return sku;
  }

  private static final java.util.regex.Pattern SKU = java.util.regex.Pattern.compile("[A-Za-z0-9._-]+");
}
