package io.kinetic.gateway.graphql;

import graphql.ExecutionResult;
import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategyParameters;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLSchema;
import io.kinetic.gateway.Locales;
import io.kinetic.gateway.Requests;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The query execution of an API with a {@link ResultCache}: a cacheable request (a query, no
 * access token, every root field {@code @cacheable}) is answered from the cache when the same
 * request was answered before; otherwise it runs as usual and its result is offered to the cache.
 */
final class CachingExecution extends AsyncExecutionStrategy {

  static final String DIRECTIVE = "cacheable";

  private final ResultCache cache;
  private final Set<String> cacheableRoots;

  CachingExecution(DataFetcherExceptionHandler errors, ResultCache cache, GraphQLSchema schema) {
    super(errors);
    this.cache = cache;
    this.cacheableRoots = schema.getQueryType().getFieldDefinitions().stream()
      .filter(field -> field.hasAppliedDirective(DIRECTIVE))
      .map(GraphQLFieldDefinition::getName)
      .collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public CompletableFuture<ExecutionResult> execute(ExecutionContext context, ExecutionStrategyParameters parameters) {
    ResultCache.Key key = key(context);
    if (key == null) {
      return super.execute(context, parameters);
    }
    ExecutionResult cached = cache.get(key);
    if (cached != null) {
      return CompletableFuture.completedFuture(cached);
    }
    Set<String> tags = ConcurrentHashMap.newKeySet();
    context.getGraphQLContext().put(ResultCache.TAGS, tags);
    long startedAt = cache.now();
    return super.execute(context, parameters).thenApply(result -> {
      cache.offer(key, result, tags, startedAt);
      return result;
    });
  }

  /** The cache key of a cacheable request, null for any other. */
  private ResultCache.Key key(ExecutionContext context) {
    if (cacheableRoots.isEmpty() || context.getOperationDefinition().getOperation() != OperationDefinition.Operation.QUERY) {
      return null;
    }
    RoutingContext rc = context.getGraphQLContext().get(RoutingContext.class);
    if (rc == null || Requests.principal(rc) != null || rc.request().getHeader(HttpHeaders.AUTHORIZATION) != null) {
      return null;
    }
    for (Selection<?> selection : context.getOperationDefinition().getSelectionSet().getSelections()) {
      if (!(selection instanceof Field field) || !cacheableRoots.contains(field.getName())) {
        return null;
      }
    }
    var input = context.getExecutionInput();
    return new ResultCache.Key(input.getQuery(), input.getOperationName(), input.getRawVariables().toMap(),
      // the language the resolution looks at, not the raw header: varying the rest cannot multiply entries
      Locales.firstLanguage(rc.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE)));
  }
}
