package io.kinetic.gateway.graphql;

import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLCodeRegistry;
import java.time.Duration;
import graphql.schema.idl.RuntimeWiring;
import io.kinetic.gateway.edge.BoundEdge;
import io.kinetic.gateway.edge.EdgeLoader;
import io.kinetic.gateway.edge.GraphQlApi;
import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.error.Failure;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.graphql.GraphQLHandler;
import io.vertx.ext.web.handler.graphql.GraphiQLHandler;
import io.vertx.ext.web.handler.graphql.GraphiQLHandlerOptions;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The two GraphQL endpoints ({@link GraphQlApi}), each a schema assembled from the common
 * fragment and the edges' fragments ({@link SchemaAssembly}) with the edges' fetchers and
 * DataLoaders, Vert.x futures as fetcher results, typed error codes and the limits of
 * {@code graphql.*}: document size and selected fields before validation ({@link DocumentCache}),
 * depth and cost before execution ({@link QueryLimits}), response size after it, introspection
 * only where enabled ({@link RequestLimits}). HTTP-level access (optional customer token,
 * required staff token) is the caller's business when mounting the handlers.
 */
public final class GraphQlEndpoints {

  private static final int DOCUMENT_CACHE_SIZE = 2_000;

  private final Map<GraphQlApi, GraphQL> apis;

  private GraphQlEndpoints(Map<GraphQlApi, GraphQL> apis) {
    this.apis = apis;
  }

  /** Builds both schemas from the edges (off the event loop: it reads and parses the fragments). */
  public static Future<GraphQlEndpoints> create(Vertx vertx, AppConfig.GraphQl limits, List<BoundEdge> edges) {
    ResultCache cache = limits.resultCacheSeconds() == 0 ? null
      : ResultCache.of(vertx, Duration.ofSeconds(limits.resultCacheSeconds()));
    Future<?> listening = cache == null ? Future.succeededFuture() : retireOnEvents(vertx, cache, edges);
    return listening.compose(v -> vertx.executeBlocking(() -> {
      Map<GraphQlApi, GraphQL> apis = new EnumMap<>(GraphQlApi.class);
      for (GraphQlApi api : GraphQlApi.values()) {
        apis.put(api, build(api, limits, edges, api == GraphQlApi.SHOP ? cache : null));
      }
      return new GraphQlEndpoints(apis);
    }));
  }

  /**
   * Retires the node's cached shop results on the events the edges name, when each arrives and
   * once more a moment later ({@link ResultCache#SETTLE}); the consumers belong to this gateway
   * instance and go with it. Completes once they are registered (cluster-wide), before anything is served.
   */
  private static Future<?> retireOnEvents(Vertx vertx, ResultCache cache, List<BoundEdge> edges) {
    var registered = new ArrayList<Future<Void>>();
    for (BoundEdge bound : edges) {
      bound.handlers().invalidations().forEach((address, tags) -> registered.add(vertx.eventBus().consumer(address, message -> {
        var retired = tags.apply(message.body());
        retired.forEach(cache::invalidate);
        vertx.setTimer(ResultCache.SETTLE.toMillis(), id -> retired.forEach(cache::invalidate));
      }).completion()));
    }
    return Future.all(registered);
  }

  private static GraphQL build(GraphQlApi api, AppConfig.GraphQl limits, List<BoundEdge> edges, ResultCache cache) {
    var registry = SchemaAssembly.registry(api, edges.stream().map(BoundEdge::edge).toList());
    var wiring = RuntimeWiring.newRuntimeWiring()
      .codeRegistry(GraphQLCodeRegistry.newCodeRegistry().defaultDataFetcher(new RecordFields()));
    var loaders = new ArrayList<EdgeLoader>();
    for (BoundEdge bound : edges) {
      bound.handlers().wire(api, wiring);
      loaders.addAll(bound.handlers().loaders(api));
    }
    return graphQl(SchemaAssembly.schema(api, registry, wiring), limits, api.maxMutationFields(), new DataLoaders(loaders),
      cache);
  }

  /** The executable schema of {@code api} with its limits, for transports other than HTTP (WebSocket). */
  public GraphQL graphQl(GraphQlApi api) {
    return apis.get(api);
  }

  /** The handler of {@code api}'s endpoint ({@link GraphQlApi#path()}). */
  public Handler<RoutingContext> handler(GraphQlApi api) {
    Handler<RoutingContext> graphql = GraphQLHandler.create(apis.get(api));
    return rc -> {
      // a POST body naming a field twice ("query" twice, say) is refused, as on every REST route
      if (rc.request().method() == io.vertx.core.http.HttpMethod.POST && rc.body() != null) {
        io.kinetic.gateway.Bodies.noDuplicateFields(rc.body().buffer());
      }
      Failure shape = RequestShape.check(rc);
      if (shape != null) {
        rc.fail(shape);
        return;
      }
      graphql.handle(rc);
    };
  }

  /** The GraphiQL IDE (dev profile only), to mount at {@code /graphiql/*}. */
  public static Router graphiql(Vertx vertx) {
    var options = new GraphiQLHandlerOptions().setEnabled(true).setGraphQLUri("/graphql").setGraphQLWSEnabled(false);
    return GraphiQLHandler.create(vertx, options).router();
  }

  static GraphQL graphQl(GraphQLSchema schema, AppConfig.GraphQl limits, int maxMutationFields, DataLoaders loaders,
                         ResultCache cache) {
    var sizes = ListSizes.of(schema);
    var errors = new ErrorCodes(sizes.slicingArguments());
    var queryLimits = new QueryLimits(limits.maxDepth(), limits.maxComplexity(), DOCUMENT_CACHE_SIZE, sizes);
    var requestLimits = new RequestLimits(limits.introspection(), limits.maxResponseBytes());
    var builder = GraphQL.newGraphQL(schema);
    if (cache != null) {
      builder.queryExecutionStrategy(new CachingExecution(errors, cache, schema));
    }
    return builder
      .instrumentation(new Hooks(loaders, queryLimits, new MutationLimits(maxMutationFields), errors, requestLimits))
      .defaultDataFetcherExceptionHandler(errors)
      .preparsedDocumentProvider(new DocumentCache(schema, limits.maxTokens(), limits.maxFields()))
      .build();
  }
}
