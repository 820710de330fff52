package io.kinetic.gateway.graphql;

import graphql.ExecutionResult;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import io.kinetic.gateway.subscriptions.LiveCaller;
import io.kinetic.kernel.error.ErrorCode;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * Rules for mutations, checked before anything runs. A mutation sent with GET is refused
 * ({@code METHOD_NOT_ALLOWED}): GET requests may be repeated, prefetched and logged with their
 * URL, arguments (passwords) included; so is one sent over the WebSocket, which serves
 * subscriptions and queries (logins and registrations are limited per HTTP client). At most
 * {@code maxFields} root mutation fields per request ({@code QUERY_TOO_COMPLEX}): aliases would
 * otherwise run hundreds of logins or registrations, each a deliberately slow password hash, in
 * one request. A subscription sent over HTTP (POST or GET) is refused as well
 * ({@code METHOD_NOT_ALLOWED}): it has no answer a single HTTP response could carry, and runs
 * over the WebSocket (graphql-transport-ws on the same path).
 */
final class MutationLimits extends SimplePerformantInstrumentation {

  private final int maxFields;

  MutationLimits(int maxFields) {
    this.maxFields = maxFields;
  }

  @Override
  public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                                                                      InstrumentationState state) {
    ExecutionContext execution = parameters.getExecutionContext();
    OperationDefinition operation = execution.getOperationDefinition();
    RoutingContext rc = execution.getGraphQLContext().get(RoutingContext.class);
    if (operation.getOperation() == OperationDefinition.Operation.SUBSCRIPTION && rc != null) {
      throw QueryLimits.abort(ErrorCode.METHOD_NOT_ALLOWED,
        "subscriptions run over the WebSocket (graphql-transport-ws on " + rc.request().path() + "), not over HTTP");
    }
    if (operation.getOperation() != OperationDefinition.Operation.MUTATION) {
      return null;
    }
    if (rc != null && rc.request().method() == HttpMethod.GET) {
      throw QueryLimits.abort(ErrorCode.METHOD_NOT_ALLOWED, "mutations must be sent with POST");
    }
    if (rc == null && LiveCaller.of(execution.getGraphQLContext()) != null) {
      throw QueryLimits.abort(ErrorCode.METHOD_NOT_ALLOWED, "mutations must be sent with POST, not over the WebSocket");
    }
    int fields = count(operation.getSelectionSet(), execution.getFragmentsByName(), 0);
    if (fields > maxFields) {
      throw QueryLimits.abort(ErrorCode.QUERY_TOO_COMPLEX, "at most " + maxFields + " mutation field(s) per request, got " + fields);
    }
    return null;
  }

  /** Root fields, through inline fragments and fragment spreads (skip/include directives are not evaluated). */
  private static int count(SelectionSet selections, Map<String, FragmentDefinition> fragments, int depth) {
    if (selections == null || depth > fragments.size() + 1) {
      return 0;
    }
    int fields = 0;
    for (Selection<?> selection : selections.getSelections()) {
      if (selection instanceof Field field) {
        fields += "__typename".equals(field.getName()) ? 0 : 1;
      } else if (selection instanceof InlineFragment inline) {
        fields += count(inline.getSelectionSet(), fragments, depth + 1);
      } else if (selection instanceof FragmentSpread spread && fragments.get(spread.getName()) != null) {
        fields += count(fragments.get(spread.getName()).getSelectionSet(), fragments, depth + 1);
      }
    }
    return fields;
  }
}
