package io.kinetic.gateway.graphql;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.kinetic.gateway.ClientAddress;
import io.kinetic.gateway.Locales;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.identity.IdentityApi;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.contract.catalog.CategoryList;
import io.kinetic.kernel.contract.catalog.GetProduct;
import io.kinetic.kernel.contract.catalog.GetProductBySlug;
import io.kinetic.kernel.contract.catalog.ListCategories;
import io.kinetic.kernel.contract.catalog.ProductPage;
import io.kinetic.kernel.contract.catalog.ProductView;
import io.kinetic.kernel.contract.identity.CustomerView;
import io.kinetic.kernel.contract.identity.GetCustomer;
import io.kinetic.kernel.contract.identity.Login;
import io.kinetic.kernel.contract.identity.Logout;
import io.kinetic.kernel.contract.identity.Realm;
import io.kinetic.kernel.contract.identity.RefreshTokens;
import io.kinetic.kernel.contract.identity.RegisterCustomer;
import io.kinetic.kernel.contract.identity.Tokens;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.error.FieldError;
import io.kinetic.kernel.id.Ids;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/** Data fetchers of the storefront schema (graphql/shop.graphqls): each is one bus request. */
final class ShopFetchers {

  private final BusClient bus;
  private final ClientAddress clientAddress;
  private final Locales locales;
  private final ProductFilters filters;

  ShopFetchers(BusClient bus, Locales locales, String defaultCurrency, ClientAddress clientAddress) {
    this.bus = bus;
    this.clientAddress = clientAddress;
    this.locales = locales;
    this.filters = new ProductFilters(locales, defaultCurrency);
  }

  RuntimeWiring wiring() {
    return RuntimeWiring.newRuntimeWiring()
      .scalar(Scalars.JSON)
      .scalar(Scalars.DATE_TIME)
      .type("Query", t -> t
        .dataFetcher("product", this::product)
        .dataFetcher("productBySlug", this::productBySlug)
        .dataFetcher("products", this::products)
        .dataFetcher("categories", this::categories)
        .dataFetcher("me", this::me))
      .type("Mutation", t -> t
        .dataFetcher("register", Gql.mutation(this::register))
        .dataFetcher("login", Gql.mutation(this::login))
        .dataFetcher("refresh", Gql.mutation(env ->
          bus.request(IdentityApi.REFRESH, new RefreshTokens(env.getArgument("refreshToken"), Realm.CUSTOMER), Gql.caller(env))))
        .dataFetcher("logout", Gql.mutation(env ->
          bus.request(IdentityApi.LOGOUT, new Logout(env.getArgument("refreshToken")), Gql.caller(env))
            .map(deleted -> new GqlTypes.Done(true)))))
      .type("Product", t -> t.dataFetcher("categories", CategoryLoader::categoriesOf))
      .type("Variant", t -> t.dataFetcher("options", GqlTypes::options).dataFetcher("price", GqlTypes::price))
      .type("RegisterResult", t -> t.typeResolver(GqlTypes.RESULTS))
      .type("TokensResult", t -> t.typeResolver(GqlTypes.RESULTS))
      .type("LogoutResult", t -> t.typeResolver(GqlTypes.RESULTS))
      .build();
  }

  private Future<ProductView> product(DataFetchingEnvironment env) {
    String raw = env.getArgument("id");
    var id = Ids.parse(raw).orElseThrow(() ->
      Failure.of(ErrorCode.INVALID_ID, "id must be a UUID", List.of(new FieldError("id", "must be a UUID"))));
    return bus.request(CatalogApi.GET_PRODUCT, new GetProduct(id, Gql.locale(env, locales), false), Gql.caller(env));
  }

  private Future<ProductView> productBySlug(DataFetchingEnvironment env) {
    var query = new GetProductBySlug(env.getArgument("slug"), Gql.locale(env, locales), false);
    return bus.request(CatalogApi.GET_PRODUCT_BY_SLUG, query, Gql.caller(env));
  }

  private Future<GqlTypes.Connection> products(DataFetchingEnvironment env) {
    return bus.request(CatalogApi.LIST_PRODUCTS, filters.of(env, false), Gql.caller(env))
      .map(page -> GqlTypes.Connection.of(page.items(), page.nextCursor()));
  }

  private Future<List<?>> categories(DataFetchingEnvironment env) {
    return bus.request(CatalogApi.LIST_CATEGORIES, new ListCategories(Gql.locale(env, locales), null), Gql.caller(env))
      .map(CategoryList::items);
  }

  private Future<CustomerView> me(DataFetchingEnvironment env) {
    var customer = Gql.customer(env);
    return bus.request(IdentityApi.GET_CUSTOMER, new GetCustomer(customer.id()), Gql.caller(env));
  }

  private Future<CustomerView> register(DataFetchingEnvironment env) {
    Map<String, Object> input = env.getArgument("input");
    var command = new RegisterCustomer((String) input.get("email"), (String) input.get("password"), (String) input.get("name"),
      clientAddress.of(Gql.rc(env)));
    return bus.request(IdentityApi.REGISTER_CUSTOMER, command, Gql.caller(env));
  }

  private Future<Tokens> login(DataFetchingEnvironment env) {
    var login = new Login(Realm.CUSTOMER, env.getArgument("email"), env.getArgument("password"), clientAddress.of(Gql.rc(env)));
    return bus.request(IdentityApi.LOGIN, login, Gql.caller(env));
  }
}
