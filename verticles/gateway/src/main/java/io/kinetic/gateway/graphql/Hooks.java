package io.kinetic.gateway.graphql;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldParameters;
import graphql.schema.DataFetcher;
import io.vertx.ext.web.handler.graphql.instrumentation.VertxFutureAdapter;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;

/**
 * The instrumentation of an endpoint: the few hooks its parts implement, called directly rather
 * than through graphql-java's {@code ChainedInstrumentation}, whose per-field bookkeeping shows in
 * profiles. Parts are stateless: {@code state} is always null.
 */
final class Hooks extends SimplePerformantInstrumentation {

  private final Instrumentation futures = VertxFutureAdapter.create();
  private final DataLoaders loaders;
  private final QueryLimits queryLimits;
  private final MutationLimits mutationLimits;
  private final ErrorCodes errors;
  private final RequestLimits requestLimits;

  Hooks(DataLoaders loaders, QueryLimits queryLimits, MutationLimits mutationLimits, ErrorCodes errors,
        RequestLimits requestLimits) {
    this.loaders = loaders;
    this.queryLimits = queryLimits;
    this.mutationLimits = mutationLimits;
    this.errors = errors;
    this.requestLimits = requestLimits;
  }

  @Override
  public ExecutionInput instrumentExecutionInput(ExecutionInput input, InstrumentationExecutionParameters parameters,
                                                 InstrumentationState state) {
    requestLimits.prepare(input);
    return input;
  }

  @Override
  public ExecutionContext instrumentExecutionContext(ExecutionContext context, InstrumentationExecutionParameters parameters,
                                                     InstrumentationState state) {
    return loaders.instrumentExecutionContext(context, parameters, null);
  }

  @Override
  public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                                                                      InstrumentationState state) {
    requestLimits.checkVariables(parameters.getExecutionContext().getExecutionInput().getVariables());
    queryLimits.beginExecuteOperation(parameters, null);
    mutationLimits.beginExecuteOperation(parameters, null);
    return null;
  }

  /** Each event of a subscription is read afresh: the edges' DataLoaders forget what earlier events loaded. */
  @Override
  public InstrumentationContext<ExecutionResult> beginSubscribedFieldEvent(InstrumentationFieldParameters parameters,
                                                                          InstrumentationState state) {
    parameters.getExecutionContext().getDataLoaderRegistry().getDataLoaders().forEach(DataLoader::clearAll);
    return null;
  }

  @Override
  public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
                                              InstrumentationState state) {
    // only our own fetchers answer Vert.x futures; the trivial ones (record fields) need no adapter
    return parameters.isTrivialDataFetcher() ? fetcher : futures.instrumentDataFetcher(fetcher, parameters, null);
  }

  @Override
  public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
                                                                     InstrumentationExecutionParameters parameters,
                                                                     InstrumentationState state) {
    return errors.instrumentExecutionResult(requestLimits.limitResponse(result), parameters, null);
  }
}
