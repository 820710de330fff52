package io.kinetic.gateway.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionResult;
import graphql.analysis.QueryComplexityCalculator;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Argument;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.Node;
import graphql.language.VariableReference;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rejects expensive queries before any data is fetched, with error code {@code QUERY_TOO_COMPLEX}:
 * too deep ({@code graphql.maxDepth}) or too costly ({@code graphql.maxComplexity}, one point per
 * field, the selection under a list field counted as often as the list is expected to have items:
 * {@link ListSizes}). Depth and complexity are measured as graphql-java's
 * {@code MaxQueryDepthInstrumentation} and {@code MaxQueryComplexityInstrumentation} do, but once
 * per {@link Key}: storefronts repeat the same few queries with other variables, and only the
 * variables read by a directive ({@code @skip}, {@code @include}) or by a slicing argument
 * ({@code first}) can change the measures.
 */
final class QueryLimits extends SimplePerformantInstrumentation {

  /** A variable that was not sent: the argument's default applies, which differs from an explicit null. */
  private static final Object ABSENT = new Object();

  private final int maxDepth;
  private final int maxComplexity;
  private final Cache<Document, List<String>> inputs;
  private final Cache<Key, Measure> measures;
  private final ListSizes sizes;

  /** Remembers at most {@code maxEntries} documents and as many measures. */
  QueryLimits(int maxDepth, int maxComplexity, int maxEntries, ListSizes sizes) {
    this.maxDepth = maxDepth;
    this.maxComplexity = maxComplexity;
    this.sizes = sizes;
    this.inputs = Caffeine.newBuilder().maximumSize(maxEntries).build();
    this.measures = Caffeine.newBuilder().maximumSize(maxEntries).build();
  }

  /**
   * What depth and complexity are a function of: the parsed document (compared by identity, it is
   * immutable), the operation, and the values of the document's variables that can change them
   * ({@link #ABSENT} for one not sent).
   */
  record Key(Document document, String operationName, List<Object> values) {
  }

  /** The complexity is only measured (else 0) when the depth is within bounds: it grows exponentially with it. */
  record Measure(int depth, int complexity) {
  }

  @Override
  public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                                                                      InstrumentationState state) {
    ExecutionContext execution = parameters.getExecutionContext();
    Measure measure = measures.get(key(execution), key -> measure(execution));
    if (measure.depth() > maxDepth) {
      throw tooComplex("the query is " + measure.depth() + " levels deep, at most " + maxDepth + " are allowed");
    }
    if (measure.complexity() > maxComplexity) {
      throw tooComplex("the query complexity is " + measure.complexity() + ", at most " + maxComplexity + " is allowed");
    }
    return null;
  }

  private Key key(ExecutionContext execution) {
    Document document = execution.getDocument();
    List<String> names = inputs.get(document, d -> inputsOf(d, sizes.slicingArguments()));
    List<Object> values = names.isEmpty() ? List.of() : new ArrayList<>(names.size());
    for (String name : names) {
      values.add(execution.getCoercedVariables().containsKey(name) ? execution.getCoercedVariables().get(name) : ABSENT);
    }
    return new Key(document, execution.getExecutionInput().getOperationName(), values);
  }

  /** The variables used, at any depth, in a directive or in an argument named in {@code slicing}. */
  static List<String> inputsOf(Document document, Set<String> slicing) {
    Set<String> names = new LinkedHashSet<>();
    collect(document, false, slicing, names);
    return List.copyOf(names);
  }

  private static void collect(Node<?> node, boolean counts, Set<String> slicing, Set<String> names) {
    if (counts && node instanceof VariableReference variable) {
      names.add(variable.getName());
    }
    boolean below = counts || node instanceof Directive || node instanceof Argument a && slicing.contains(a.getName());
    for (Node<?> child : node.getChildren()) {
      collect(child, below, slicing, names);
    }
  }

  private Measure measure(ExecutionContext execution) {
    String operation = execution.getExecutionInput().getOperationName();
    QueryTraverser traverser = QueryTraverser.newQueryTraverser()
      .schema(execution.getGraphQLSchema())
      .document(execution.getDocument())
      .operationName(operation)
      .coercedVariables(execution.getCoercedVariables())
      .build();
    // introspection (where enabled) is bounded by graphql-java's own good-faith checks: GraphiQL's query is 13 levels deep
    int depth = traverser.reducePreOrder((env, acc) ->
      underIntrospection(env) ? acc : Math.max(pathLength(env.getParentEnvironment()), acc), 0);
    if (depth > maxDepth) {
      return new Measure(depth, 0);
    }
    int complexity = QueryComplexityCalculator.newCalculator()
      .fieldComplexityCalculator(sizes::complexity)
      .schema(execution.getGraphQLSchema())
      .document(execution.getDocument())
      .operationName(operation)
      .variables(execution.getCoercedVariables())
      .build()
      .calculate();
    return new Measure(depth, complexity);
  }

  private static boolean underIntrospection(QueryVisitorFieldEnvironment env) {
    QueryVisitorFieldEnvironment root = env;
    while (root.getParentEnvironment() != null) {
      root = root.getParentEnvironment();
    }
    String name = root.getFieldDefinition().getName();
    return name.equals("__schema") || name.equals("__type");
  }

  private static int pathLength(QueryVisitorFieldEnvironment path) {
    int length = 1;
    while (path != null) {
      path = path.getParentEnvironment();
      length++;
    }
    return length;
  }

  private static AbortExecutionException tooComplex(String message) {
    return abort(ErrorCode.QUERY_TOO_COMPLEX, message);
  }

  /** Ends the execution before any fetch with one error whose {@code extensions.code} is {@code code}. */
  static AbortExecutionException abort(ErrorCode code, String message) {
    return abort(code, message, List.of());
  }

  /** Like {@link #abort(ErrorCode, String)}, with the invalid fields in {@code extensions.errors}. */
  static AbortExecutionException abort(ErrorCode code, String message, List<FieldError> fields) {
    Map<String, Object> extensions = ErrorCodes.extensions(code, fields);
    return new AbortExecutionException(message) {
      @Override
      public Map<String, Object> getExtensions() {
        return extensions;
      }
    };
  }
}
