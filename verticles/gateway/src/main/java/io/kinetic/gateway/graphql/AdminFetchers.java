package io.kinetic.gateway.graphql;

import io.kinetic.kernel.bus.Endpoint;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.kinetic.gateway.Locales;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.identity.IdentityApi;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.contract.catalog.AddVariant;
import io.kinetic.kernel.contract.catalog.AdminProductPage;
import io.kinetic.kernel.contract.catalog.Attribute;
import io.kinetic.kernel.contract.catalog.AttributeList;
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
import io.kinetic.kernel.contract.identity.GetStaff;
import io.kinetic.kernel.contract.identity.StaffView;
import io.kinetic.kernel.error.Failure;
import io.vertx.core.Future;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Data fetchers of the admin schema (graphql/admin.graphqls), mirroring the REST admin API: every
 * catalog field needs role catalog or admin, the staff fields ({@link StaffFetchers}) role admin,
 * {@code me} any role; mutations answer {@code Problem} for expected business failures.
 */
final class AdminFetchers {

  private static final List<String> CATALOG_ROLES = List.of("catalog", "admin");
  private final BusClient bus;
  private final Locales locales;
  private final ProductFilters filters;
  private final StaffFetchers staff;

  AdminFetchers(BusClient bus, Locales locales, String defaultCurrency) {
    this.bus = bus;
    this.locales = locales;
    this.filters = new ProductFilters(locales, defaultCurrency);
    this.staff = new StaffFetchers(bus);
  }

  RuntimeWiring wiring() {
    var wiring = RuntimeWiring.newRuntimeWiring()
      .scalar(Scalars.JSON)
      .scalar(Scalars.DATE_TIME)
      .type("Query", t -> t
        .dataFetcher("adminProduct", catalog(env -> product(env, CatalogApi.GET_ADMIN_PRODUCT,
          new GetAdminProduct(Gql.id("id", env.getArgument("id"))))))
        .dataFetcher("adminProducts", catalog(env -> bus.request(CatalogApi.LIST_ADMIN_PRODUCTS,
          filters.of(env, true), Gql.caller(env)).map(page -> GqlTypes.Connection.of(page.items(), page.nextCursor()))))
        .dataFetcher("categories", catalog(env -> bus.request(CatalogApi.LIST_CATEGORIES,
          new ListCategories(Gql.locale(env, locales), null), Gql.caller(env)).map(CategoryList::items)))
        .dataFetcher("attributes", catalog(env -> bus.request(CatalogApi.LIST_ATTRIBUTES,
          new ListAttributes(Gql.locale(env, locales)), Gql.caller(env)).map(AttributeList::items)))
        .dataFetcher("me", this::me))
      .type("Mutation", t -> t
        .dataFetcher("createProduct", mutation(env -> product(env, CatalogApi.CREATE_PRODUCT,
          new CreateProduct(AdminInputs.product(env.getArgument("input"))))))
        .dataFetcher("updateProduct", mutation(env -> product(env, CatalogApi.UPDATE_PRODUCT, new UpdateProduct(
          Gql.id("id", env.getArgument("id")), ((Number) env.getArgument("version")).longValue(),
          AdminInputs.product(env.getArgument("input"))))))
        .dataFetcher("deleteProduct", mutation(env -> bus.request(CatalogApi.DELETE_PRODUCT,
          new DeleteProduct(Gql.id("id", env.getArgument("id"))), Gql.caller(env))))
        .dataFetcher("addVariant", mutation(env -> product(env, CatalogApi.ADD_VARIANT, new AddVariant(
          Gql.id("productId", env.getArgument("productId")), AdminInputs.variant(env.getArgument("input"), "input")))))
        .dataFetcher("removeVariant", mutation(env -> product(env, CatalogApi.REMOVE_VARIANT,
          new RemoveVariant(env.getArgument("sku")))))
        .dataFetcher("setPrice", mutation(env -> product(env, CatalogApi.SET_PRICE, new SetPrice(env.getArgument("sku"),
          AdminInputs.money(((Number) env.getArgument("amount")).longValue(), env.getArgument("currency"), "price")))))
        .dataFetcher("setStock", mutation(this::setStock))
        .dataFetcher("saveCategory", mutation(env -> bus.request(CatalogApi.SAVE_CATEGORY, new SaveCategory(
          env.getArgument("id") == null ? null : Gql.id("id", env.getArgument("id")),
          AdminInputs.category(env.getArgument("input"))), Gql.caller(env))))
        .dataFetcher("deleteCategory", mutation(env -> bus.request(CatalogApi.DELETE_CATEGORY,
          new DeleteCategory(Gql.id("id", env.getArgument("id"))), Gql.caller(env))))
        .dataFetcher("defineAttribute", mutation(env -> bus.request(CatalogApi.DEFINE_ATTRIBUTE,
          new DefineAttribute(AdminInputs.attribute(env.getArgument("input"))), Gql.caller(env))))
        .dataFetcher("deleteAttribute", mutation(env -> bus.request(CatalogApi.DELETE_ATTRIBUTE,
          new DeleteAttribute(env.getArgument("code")), Gql.caller(env)))))
      .type("AdminProduct", t -> t.dataFetcher("translations", AdminFetchers::translations))
      .type("Variant", t -> t.dataFetcher("options", GqlTypes::options).dataFetcher("price", GqlTypes::price))
      .type("CategoryDefinition", t -> t.dataFetcher("names", env -> GqlTypes.names(((Category) env.getSource()).names())))
      .type("AttributeDefinition", t -> t.dataFetcher("names", env -> GqlTypes.names(((Attribute) env.getSource()).names())))
      .type("Staff", t -> t.dataFetcher("roles", env -> ((StaffView) env.getSource()).roles().stream()
        .map(r -> r.name().toLowerCase(Locale.ROOT)).sorted().toList()))
      .type("AdminProductResult", t -> t.typeResolver(GqlTypes.RESULTS))
      .type("CategoryResult", t -> t.typeResolver(GqlTypes.RESULTS))
      .type("AttributeResult", t -> t.typeResolver(GqlTypes.RESULTS))
      .type("DeleteResult", t -> t.typeResolver(GqlTypes.RESULTS));
    staff.wire(wiring);
    return wiring.build();
  }

  private static DataFetcher<Future<?>> catalog(Function<DataFetchingEnvironment, Future<?>> body) {
    return Gql.staffQuery(CATALOG_ROLES, body);
  }

  private static DataFetcher<Future<Object>> mutation(Function<DataFetchingEnvironment, Future<?>> body) {
    return Gql.staffMutation(CATALOG_ROLES, body);
  }

  private <Q> Future<Product> product(DataFetchingEnvironment env, Endpoint<Q, Product> endpoint, Q command) {
    return bus.request(endpoint, command, Gql.caller(env));
  }

  private Future<?> setStock(DataFetchingEnvironment env) {
    int onHand = env.getArgument("onHand");
    if (onHand < 0) {
      throw Failure.invalid("onHand", "must be 0 or more");
    }
    return product(env, CatalogApi.SET_STOCK, new SetStock(env.getArgument("sku"), onHand));
  }

  private Future<StaffView> me(DataFetchingEnvironment env) {
    var staff = Gql.staff(env, List.of());
    return bus.request(IdentityApi.GET_STAFF, new GetStaff(staff.id()), Gql.caller(env));
  }

  private static List<GqlTypes.TranslationView> translations(DataFetchingEnvironment env) {
    Map<String, io.kinetic.kernel.contract.catalog.Translation> translations = ((Product) env.getSource()).translations();
    return translations == null ? List.of() : translations.entrySet().stream()
      .map(e -> new GqlTypes.TranslationView(e.getKey(), e.getValue().name(), e.getValue().description())).toList();
  }
}
