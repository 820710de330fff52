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
 * counted from the result tree before it is written: string lengths, keys and punctuation.
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

  /**
   * The JSON size of {@code value}; stops early (returning more than {@code budget}) once over it.
   * A cheap pass counts characters and 8 per number; only a result that comes within a third of
   * the budget is counted again exactly (UTF-8 bytes, numbers as written), so text outside ASCII
   * cannot stretch the limit.
   */
  static long size(Object value, long budget) {
    long estimate = size(value, budget, false);
    return estimate * 3 <= budget ? estimate : size(value, budget, true);
  }

  private static long size(Object value, long budget, boolean exact) {
    if (value == null) {
      return 4;
    }
    if (value instanceof String s) {
      return length(s, exact) + 2;
    }
    if (value instanceof Boolean) {
      return 5;
    }
    if (value instanceof Number n) {
      return exact ? String.valueOf(n).length() : 8;
    }
    long total = 2;
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        total += length(String.valueOf(entry.getKey()), exact) + 4 + size(entry.getValue(), budget - total, exact);
        if (total > budget) {
          return total;
        }
      }
      return total;
    }
    if (value instanceof Iterable<?> items) {
      for (Object item : items) {
        total += 1 + size(item, budget - total, exact);
        if (total > budget) {
          return total;
        }
      }
      return total;
    }
    return length(String.valueOf(value), exact) + 2;
  }

  private static long length(String s, boolean exact) {
    if (!exact) {
      return s.length();
    }
    long length = s.length();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        length += c >= 0x800 && !Character.isSurrogate(c) ? 2 : 1;
      }
    }
    return length;
  }
}
