package io.kinetic.gateway.graphql;

import graphql.GraphQL;
import graphql.execution.instrumentation.Instrumentation;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.kinetic.gateway.ClientAddress;
import io.kinetic.gateway.Locales;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.config.AppConfig;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.graphql.GraphQLHandler;
import io.vertx.ext.web.handler.graphql.GraphiQLHandler;
import io.vertx.ext.web.handler.graphql.GraphiQLHandlerOptions;

/**
 * The two GraphQL endpoints: the storefront schema (graphql/shop.graphqls) and the admin schema
 * (graphql/admin.graphqls), with Vert.x futures as fetcher results, typed error codes and the
 * limits of {@code graphql.*}: document size and selected fields before validation
 * ({@link DocumentCache}), depth and cost before execution ({@link QueryLimits}), response size
 * after it, introspection only where enabled ({@link RequestLimits}). HTTP-level access (optional
 * customer token, required staff token) is the caller's business when mounting the handlers.
 */
public final class GraphQlEndpoints {

  private static final int DOCUMENT_CACHE_SIZE = 2_000;
  /** The shop's mutations are logins and registrations: one per request (see {@link MutationLimits}). */
  static final int SHOP_MUTATION_FIELDS = 1;
  /** Staff may batch catalog edits. */
  static final int ADMIN_MUTATION_FIELDS = 100;

  public static final String SHOP_SCHEMA = "graphql/shop.graphqls";
  public static final String ADMIN_SCHEMA = "graphql/admin.graphqls";

  private final GraphQL shop;
  private final GraphQL admin;

  private GraphQlEndpoints(GraphQL shop, GraphQL admin) {
    this.shop = shop;
    this.admin = admin;
  }

  public static Future<GraphQlEndpoints> create(Vertx vertx, AppConfig config, BusClient bus, Locales locales,
                                                ClientAddress clientAddress) {
    String currency = config.catalog().defaultCurrency();
    var shopWiring = new ShopFetchers(bus, locales, currency, clientAddress).wiring();
    var adminWiring = new AdminFetchers(bus, locales, currency).wiring();
    Future<Buffer> shopSdl = vertx.fileSystem().readFile(SHOP_SCHEMA);
    Future<Buffer> adminSdl = vertx.fileSystem().readFile(ADMIN_SCHEMA);
    return Future.all(shopSdl, adminSdl).map(all -> new GraphQlEndpoints(
      graphQl(shopSdl.result().toString(), shopWiring, config.graphql(), SHOP_MUTATION_FIELDS, CategoryLoader.perRequest(bus)),
      graphQl(adminSdl.result().toString(), adminWiring, config.graphql(), ADMIN_MUTATION_FIELDS, null)));
  }

  /** {@code /graphql}: Product.categories is one batched bus call per request ({@link CategoryLoader#perRequest}). */
  public Handler<RoutingContext> shopHandler() {
    return GraphQLHandler.create(shop);
  }

  /** {@code /admin/graphql}: mount behind a staff-token check. */
  public Handler<RoutingContext> adminHandler() {
    return GraphQLHandler.create(admin);
  }

  /** The GraphiQL IDE (dev profile only), to mount at {@code /graphiql/*}. */
  public static Router graphiql(Vertx vertx) {
    var options = new GraphiQLHandlerOptions().setEnabled(true).setGraphQLUri("/graphql").setGraphQLWSEnabled(false);
    return GraphiQLHandler.create(vertx, options).router();
  }

  /** {@code perRequest} may adapt each execution input (null: none). */
  static GraphQL graphQl(String sdl, RuntimeWiring wiring, AppConfig.GraphQl limits, int maxMutationFields,
                         Instrumentation perRequest) {
    GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl), wiring);
    var errors = new ErrorCodes();
    var queryLimits = new QueryLimits(limits.maxDepth(), limits.maxComplexity(), DOCUMENT_CACHE_SIZE, ListSizes.of(schema));
    var requestLimits = new RequestLimits(limits.introspection(), limits.maxResponseBytes());
    return GraphQL.newGraphQL(schema)
      .instrumentation(new Hooks(perRequest, queryLimits, new MutationLimits(maxMutationFields), errors, requestLimits))
      .defaultDataFetcherExceptionHandler(errors)
      .preparsedDocumentProvider(new DocumentCache(schema, limits.maxTokens(), limits.maxFields()))
      .build();
  }
}
