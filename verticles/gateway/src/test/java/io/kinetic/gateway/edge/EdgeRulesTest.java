package io.kinetic.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import graphql.schema.idl.RuntimeWiring;
import io.kinetic.gateway.Edges;
import io.kinetic.gateway.openapi.ContractAssembly;
import io.kinetic.gateway.openapi.MergedContract;
import io.kinetic.gateway.graphql.SchemaAssembly;
import io.kinetic.kernel.contract.Contract;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an edge cannot do: each mistake fails start-up with a message naming it. */
class EdgeRulesTest {

  /** An edge that is only fragments. */
  record FragmentEdge(String name, List<String> openApiFragments, List<String> adminSchema) implements Edge {

    @Override
    public List<Contract> contracts() {
      return List.of();
    }

    @Override
    public List<String> graphqlFragments(GraphQlApi api) {
      return api == GraphQlApi.ADMIN ? adminSchema : List.of();
    }

    @Override
    public EdgeHandlers handlers(EdgeContext context) {
      return new EdgeHandlers() {
      };
    }
  }

  private static List<Edge> withAll(Edge extra) {
    var edges = new ArrayList<>(Edges.ALL);
    edges.add(extra);
    return edges;
  }

  private static String refused(Runnable startUp) {
    return assertThrows(IllegalStateException.class, startUp::run).getMessage();
  }

  @Test
  void aComponentOrPathIsDefinedOnce() {
    String message = refused(() -> ContractAssembly.assemble(withAll(
      new FragmentEdge("taken", List.of("openapi/greeting-taken.yaml"), List.of()))));
    assertEquals("components/schemas/Money is defined in openapi/common.yaml and in openapi/greeting-taken.yaml: define it once",
      message);
    message = refused(() -> ContractAssembly.assemble(withAll(
      new FragmentEdge("again", List.of("openapi/catalog.yaml"), List.of()))));
    assertTrue(message.startsWith("path /api/v1/products is defined in openapi/catalog.yaml and in openapi/catalog.yaml"), message);
  }

  @Test
  void anEdgeFragmentHoldsPathsComponentsAndTagsOnly() {
    assertTrue(refused(() -> ContractAssembly.assemble(withAll(
      new FragmentEdge("info", List.of("openapi/greeting-info.yaml"), List.of())))).contains("not info"));
    assertEquals("two edges are named catalog", refused(() -> ContractAssembly.assemble(withAll(
      new FragmentEdge("catalog", List.of(), List.of())))));
  }

  @Test
  void everyOperationHasOneHandlerFromTheEdgeThatOwnsIt() {
    MergedContract merged = ContractAssembly.assemble(withAll(new GreetingEdge()));
    assertEquals("greeting", merged.owners().get("greet"));
    var bound = new HashSet<>(merged.owners().keySet());
    bound.remove("greet");
    assertEquals("operations without a handler: [greet]", refused(() -> RestOperations.verifyAllBound(merged.owners(), bound)));
    var greeting = new RestOperations("greeting", null, merged.owners(), new HashSet<>());
    assertEquals("greeting cannot bind getProduct: it belongs to catalog", refused(() -> greeting.bind("getProduct", rc -> { })));
    assertEquals("greeting cannot bind nothing: the contract has no such operation", refused(() -> greeting.bind("nothing", rc -> { })));
  }

  @Test
  void everyAdminRootFieldDeclaresItsAccessAndUnionsAreResults() {
    assertEquals("Query.open declares no @auth", refused(() -> adminSchema("graphql/broken/unguarded.graphqls")));
    assertTrue(refused(() -> adminSchema("graphql/broken/union.graphqls")).startsWith("union Either = Left | Right"));
    assertTrue(refused(() -> adminSchema("graphql/broken/money.graphqls")).startsWith("graphql/broken/money.graphqls: "));
  }

  @Test
  void subscriptionsAreServedOnTheShopApiOnly() {
    assertEquals("the admin API has no subscriptions: extend type Subscription in a shop fragment (served over WebSocket on "
      + "/graphql)", refused(() -> adminSchema("graphql/broken/subscription.graphqls")));
  }

  private static void adminSchema(String fragment) {
    var edges = withAll(new FragmentEdge("broken", List.of(), List.of(fragment)));
    SchemaAssembly.schema(GraphQlApi.ADMIN, SchemaAssembly.registry(GraphQlApi.ADMIN, edges), RuntimeWiring.newRuntimeWiring());
  }
}
