package io.kinetic.gateway.graphql;

import graphql.ErrorType;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import graphql.introspection.Introspection;
import io.kinetic.gateway.ControlCharacters;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What each GraphQL request may do beyond its document: introspection only where enabled
 * ({@code graphql.introspection}; else {@code INTROSPECTION_DISABLED}), variables free of control
 * characters ({@code VALIDATION_FAILED}, named {@code variables.<name>...}), and a response of at
 * most {@code graphql.maxResponseBytes} ({@code QUERY_TOO_COMPLEX}, no data). The size is
 * estimated from the result tree before it is written: string lengths, keys and punctuation.
 */
final class RequestLimits {

  private final boolean introspection;
  private final long maxResponseBytes;

  RequestLimits(boolean introspection, long maxResponseBytes) {
    this.introspection = introspection;
    this.maxResponseBytes = maxResponseBytes;
  }

  void prepare(ExecutionInput input) {
    if (!introspection) {
      input.getGraphQLContext().put(Introspection.INTROSPECTION_DISABLED, true);
    }
  }

  /** Throws the abort for variables that hold a control character. */
  void checkVariables(Map<String, Object> variables) {
    if (variables == null || variables.isEmpty()) {
      return;
    }
    var errors = new ArrayList<FieldError>();
    ControlCharacters.inValue(variables, "variables", errors);
    if (!errors.isEmpty()) {
      throw QueryLimits.abort(ErrorCode.VALIDATION_FAILED, errors.get(0).field() + ": " + errors.get(0).message(), errors);
    }
  }

  ExecutionResult limitResponse(ExecutionResult result) {
    long size = size(result.getData(), maxResponseBytes);
    if (size <= maxResponseBytes) {
      return result;
    }
    return ExecutionResult.newExecutionResult()
      .addError(GraphqlErrorBuilder.newError()
        .message("the response would be larger than " + maxResponseBytes + " bytes: ask for fewer items or fields")
        .errorType(ErrorType.ExecutionAborted)
        .extensions(ErrorCodes.extensions(ErrorCode.QUERY_TOO_COMPLEX, List.of()))
        .build())
      .build();
  }

  /** The JSON size of {@code value}, estimated; stops early (returning more than {@code budget}) once over it. */
  static long size(Object value, long budget) {
    if (value == null) {
      return 4;
    }
    if (value instanceof String s) {
      return utf8Length(s) + 2;
    }
    if (value instanceof Boolean) {
      return 5;
    }
    if (value instanceof Number) {
      return 8;
    }
    long total = 2;
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        total += utf8Length(String.valueOf(entry.getKey())) + 4 + size(entry.getValue(), budget - total);
        if (total > budget) {
          return total;
        }
      }
      return total;
    }
    if (value instanceof Iterable<?> items) {
      for (Object item : items) {
        total += 1 + size(item, budget - total);
        if (total > budget) {
          return total;
        }
      }
      return total;
    }
    return utf8Length(String.valueOf(value)) + 2;
  }

  /**
   * Characters, not bytes: scanning every string of every response for the few that take more than
   * one byte in UTF-8 showed in profiles, and the limit is a bound against abuse, not an exact size
   * (text outside ASCII counts up to three times less than it weighs).
   */
  private static long utf8Length(String s) {
    return s.length();
  }
}
