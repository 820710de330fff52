package io.kinetic.gateway.graphql;

import graphql.analysis.FieldComplexityEnvironment;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.Instrumentation;
import io.kinetic.kernel.error.ErrorCode;
import java.util.List;
import java.util.Map;

/**
 * Rejects expensive queries before any data is fetched, with error code {@code QUERY_TOO_COMPLEX}:
 * too deep ({@code graphql.maxDepth}) or too complex ({@code graphql.maxComplexity}, one point per
 * field, the selection under a list field with {@code first: n} counted n times).
 */
final class QueryLimits {

  private static final int MAX_PAGE = 100;

  private QueryLimits() {
  }

  static List<Instrumentation> of(int maxDepth, int maxComplexity) {
    return List.of(
      new MaxQueryDepthInstrumentation(maxDepth) {
        @Override
        protected AbortExecutionException mkAbortException(int depth, int max) {
          return tooComplex("the query is " + depth + " levels deep, at most " + max + " are allowed");
        }
      },
      new MaxQueryComplexityInstrumentation(maxComplexity, QueryLimits::complexity) {
        @Override
        protected AbortExecutionException mkAbortException(int complexity, int max) {
          return tooComplex("the query complexity is " + complexity + ", at most " + max + " is allowed");
        }
      });
  }

  static int complexity(FieldComplexityEnvironment env, int childComplexity) {
    Object first = env.getArguments().get("first");
    int times = first instanceof Number n ? Math.max(1, Math.min(MAX_PAGE, n.intValue())) : 1;
    return 1 + times * childComplexity;
  }

  private static AbortExecutionException tooComplex(String message) {
    return abort(ErrorCode.QUERY_TOO_COMPLEX, message);
  }

  /** Ends the execution before any fetch with one error whose {@code extensions.code} is {@code code}. */
  static AbortExecutionException abort(ErrorCode code, String message) {
    return new AbortExecutionException(message) {
      @Override
      public Map<String, Object> getExtensions() {
        return Map.of("code", code.string());
      }
    };
  }
}
