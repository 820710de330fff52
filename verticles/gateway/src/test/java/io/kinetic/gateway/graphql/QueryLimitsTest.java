package io.kinetic.gateway.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.GraphQLSchema;
import io.kinetic.gateway.Edges;
import io.kinetic.gateway.edge.GraphQlApi;
import io.kinetic.kernel.config.AppConfig;
import io.vertx.ext.web.handler.graphql.instrumentation.VertxFutureAdapter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The remembered depth and complexity are those graphql-java's own instrumentations compute on
 * every execution, whatever the order in which the same documents come back with other variables.
 */
class QueryLimitsTest {

  private static final Pattern NUMBER = Pattern.compile("(\\d+)");

  record Case(String query, String operationName, Map<String, Object> variables) {
  }

  private static Map<String, Object> vars(Object... keysAndValues) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static final String PAGED = "query($n:Int){products(first:$n){edges{node{priceMin{amount}}}}}";
  private static final String INCLUDED = "query($deep:Boolean!){products(first:7){edges{node{slug "
    + "... @include(if:$deep){image{url} priceMin{amount currency}}}}}}";
  private static final String SKIPPED = "query($s:Boolean!, $n:Int){...F @skip(if:$s) categories{name}} "
    + "fragment F on Query{products(first:$n){edges{cursor node{name}}}}";
  private static final String TWO_OPERATIONS = "query A{products(first:2){edges{cursor}}} "
    + "query B($n:Int){a:products(first:$n){edges{node{slug}}} b:products(first:4){edges{node{__typename slug}}}}";
  private static final String BY_SLUG = "query($s:String!){productBySlug(slug:$s){id name slug variants{sku prices{amount currency}}}}";

  private static final List<Case> CASES = List.of(
    new Case(PAGED, null, vars("n", 1)),
    new Case(PAGED, null, vars("n", 100)),
    new Case(PAGED, null, vars()),
    new Case(PAGED, null, vars("n", null)),
    new Case(PAGED, null, vars("n", 3)),
    new Case(INCLUDED, null, vars("deep", true)),
    new Case(INCLUDED, null, vars("deep", false)),
    new Case(SKIPPED, null, vars("s", false, "n", 9)),
    new Case(SKIPPED, null, vars("s", true, "n", 9)),
    new Case(SKIPPED, null, vars("s", false, "n", 50)),
    new Case(TWO_OPERATIONS, "A", vars()),
    new Case(TWO_OPERATIONS, "B", vars("n", 30)),
    new Case(TWO_OPERATIONS, "B", vars("n", 5)),
    new Case(BY_SLUG, null, vars("s", "a")),
    new Case(BY_SLUG, null, vars("s", "b")));

  @Test
  void depthAndComplexityMatchGraphqlJavaAcrossRepeatedDocuments() throws Exception {
    // limits of 0 make every execution fail with the measured value in its message
    GraphQL depths = GraphQlEndpoints.graphQl(schema(), limits(0, 0), 1, DataLoaders.none(), null);
    GraphQL complexities = GraphQlEndpoints.graphQl(schema(), limits(1000, 0), 1, DataLoaders.none(), null);
    var referenceSchema = schema();
    GraphQL reference = GraphQL.newGraphQL(referenceSchema)
      .instrumentation(new ChainedInstrumentation(List.of(new MaxQueryDepthInstrumentation(1000),
        new MaxQueryComplexityInstrumentation(0, ListSizes.of(referenceSchema)::complexity))))
      .build();
    GraphQL referenceDepths = GraphQL.newGraphQL(schema())
      .instrumentation(new MaxQueryDepthInstrumentation(0))
      .build();
    for (int pass = 0; pass < 3; pass++) {
      List<Case> cases = new ArrayList<>(CASES);
      if (pass == 1) {
        Collections.reverse(cases);
      }
      for (Case c : cases) {
        assertEquals(measured(referenceDepths, c, "maximum query depth exceeded"), measured(depths, c, "levels deep"), c.toString());
        assertEquals(measured(reference, c, "maximum query complexity exceeded"), measured(complexities, c, "complexity is"), c.toString());
      }
    }
  }

  @Test
  void theDepthLimitStillRejectsADocumentThatOnlyVariablesMakeTooDeep() throws Exception {
    GraphQL limited = GraphQlEndpoints.graphQl(schema(), limits(4, 2000), 1, DataLoaders.none(), null);
    var shallow = new Case(INCLUDED, null, vars("deep", false));
    var deep = new Case(INCLUDED, null, vars("deep", true));
    for (int i = 0; i < 2; i++) {
      assertEquals(List.of(), errors(limited, shallow), "4 levels are allowed");
      List<GraphQLError> rejected = errors(limited, deep);
      assertEquals("QUERY_TOO_COMPLEX", rejected.get(0).getExtensions().get("code"), rejected.toString());
      assertTrue(rejected.get(0).getMessage().contains("5 levels deep"), rejected.toString());
    }
  }

  @Test
  void hooksForwardEveryHookTheirPartsImplement() throws Exception {
    List<Class<?>> parts = List.of(QueryLimits.class, MutationLimits.class, ErrorCodes.class,
      VertxFutureAdapter.create().getClass(), DataLoaders.class);
    for (Class<?> part : parts) {
      for (Method method : part.getDeclaredMethods()) {
        if (Modifier.isPublic(method.getModifiers()) && isHook(method)) {
          Method forwarded = Hooks.class.getDeclaredMethod(method.getName(), method.getParameterTypes());
          assertEquals(Hooks.class, forwarded.getDeclaringClass(), part + " " + method);
        }
      }
    }
  }

  private static boolean isHook(Method method) {
    return Arrays.stream(Instrumentation.class.getMethods())
      .anyMatch(m -> m.getName().equals(method.getName()) && Arrays.equals(m.getParameterTypes(), method.getParameterTypes()));
  }

  /** The default limits of config/application.json with this depth and complexity. */
  static AppConfig.GraphQl limits(int maxDepth, int maxComplexity) {
    return new AppConfig.GraphQl(maxDepth, maxComplexity, 300, 10_000, 2 * 1024 * 1024, false, false, 0);
  }

  private static int measured(GraphQL graphQl, Case c, String messagePart) {
    List<GraphQLError> errors = errors(graphQl, c);
    assertEquals(1, errors.size(), c + " " + errors);
    String message = errors.get(0).getMessage();
    assertTrue(message.contains(messagePart), message);
    Matcher number = NUMBER.matcher(message);
    assertTrue(number.find(), message);
    return Integer.parseInt(number.group(1));
  }

  private static List<GraphQLError> errors(GraphQL graphQl, Case c) {
    return graphQl.execute(ExecutionInput.newExecutionInput(c.query()).operationName(c.operationName()).variables(c.variables())).getErrors();
  }

  /** The shop schema as the edges assemble it; the only fetcher that may run returns an empty page. */
  private static GraphQLSchema schema() {
    var wiring = RuntimeWiring.newRuntimeWiring()
      .type("Query", t -> t.dataFetcher("products", env -> Map.of("edges", List.of())));
    return SchemaAssembly.schema(GraphQlApi.SHOP, SchemaAssembly.registry(GraphQlApi.SHOP, Edges.ALL), wiring);
  }
}
