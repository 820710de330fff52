package io.kinetic.gateway.graphql;

import graphql.language.ObjectTypeDefinition;
import graphql.language.OperationTypeDefinition;
import graphql.language.SchemaDefinition;
import graphql.language.TypeName;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.errors.SchemaProblem;
import io.kinetic.gateway.edge.Edge;
import io.kinetic.gateway.edge.GraphQlApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One GraphQL API's schema, assembled from fragments: {@value #COMMON} (the directives, scalars
 * and types every API shares), the API's root ({@link GraphQlApi#root()}) and each edge's
 * fragments for it, in the order of the edge list. Each fragment is parsed on its own, so an
 * error names its file; a type defined in two fragments, or a field two edges add to
 * {@code Query}, fails start-up. The result unions are resolved from the schema
 * ({@link ResultUnions}) and every {@code @auth} field is guarded ({@link FieldAccess}).
 *
 * <p>The {@value #SUBSCRIPTION} root exists once an edge extends it ({@code extend type Subscription}
 * in a shop fragment; its fetchers return a {@code Publisher}, see {@code LiveEvents}): it is served
 * over WebSocket on the shop path only, so an admin fragment that extends it fails start-up.
 */
public final class SchemaAssembly {

  public static final String COMMON = "graphql/common.graphqls";
  public static final String SUBSCRIPTION = "Subscription";

  private SchemaAssembly() {
  }

  /** The fragment files of {@code api}, in merge order. */
  public static List<String> files(GraphQlApi api, List<? extends Edge> edges) {
    var files = new ArrayList<>(List.of(COMMON, api.root()));
    edges.forEach(edge -> files.addAll(edge.graphqlFragments(api)));
    return files;
  }

  /** The merged type definitions of {@code api}. Blocking: reads the fragments from the classpath. */
  public static TypeDefinitionRegistry registry(GraphQlApi api, List<? extends Edge> edges) {
    var merged = new TypeDefinitionRegistry();
    for (String file : files(api, edges)) {
      try {
        merged.merge(new SchemaParser().parse(read(file)));
      } catch (SchemaProblem problem) {
        throw new IllegalStateException(file + ": " + problem.getMessage(), problem);
      }
    }
    if (merged.objectTypeExtensions().containsKey(SUBSCRIPTION)) {
      addSubscriptionRoot(api, merged);
    }
    return merged;
  }

  /** {@code type Subscription} and {@code subscription: Subscription} in the schema definition, for the edges' extensions. */
  private static void addSubscriptionRoot(GraphQlApi api, TypeDefinitionRegistry registry) {
    if (api != GraphQlApi.SHOP) {
      throw new IllegalStateException("the " + api.name().toLowerCase(Locale.ROOT) + " API has no subscriptions: "
        + "extend type " + SUBSCRIPTION + " in a shop fragment (served over WebSocket on " + GraphQlApi.SHOP.path() + ")");
    }
    if (registry.getType(SUBSCRIPTION).isEmpty()) {
      registry.add(ObjectTypeDefinition.newObjectTypeDefinition().name(SUBSCRIPTION).build());
    }
    SchemaDefinition schema = registry.schemaDefinition()
      .orElseThrow(() -> new IllegalStateException(api.root() + " has no schema definition"));
    boolean declared = schema.getOperationTypeDefinitions().stream().anyMatch(op -> op.getName().equals("subscription"));
    if (!declared) {
      registry.remove(schema);
      registry.add(schema.transform(builder -> builder.operationTypeDefinition(
        new OperationTypeDefinition("subscription", new TypeName(SUBSCRIPTION)))));
    }
  }

  /** The executable schema: the edges' {@code wiring} plus the scalars, the result unions and the field access checks. */
  public static GraphQLSchema schema(GraphQlApi api, TypeDefinitionRegistry registry, RuntimeWiring.Builder wiring) {
    wiring.scalar(Scalars.JSON).scalar(Scalars.DATE_TIME).scalar(Scalars.LONG);
    ResultUnions.wire(registry, wiring);
    GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(registry, wiring.build());
    return FieldAccess.apply(schema, api == GraphQlApi.ADMIN);
  }

  private static String read(String path) {
    try (InputStream in = SchemaAssembly.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("no GraphQL fragment " + path + " on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(path, e);
    }
  }
}
