package io.kinetic.gateway.edge;

import io.kinetic.kernel.contract.Contract;
import java.util.List;

/**
 * A bounded context's part of the gateway (its edge): what it adds to the one REST contract and
 * to the GraphQL schemas, and the handlers that translate those requests into its bus calls. The
 * gateway core merges every edge listed in {@code Edges.ALL} and owns everything else (HTTP
 * limits, errors, authentication, correlation ids, security headers, bodies, CSP, static files).
 * An edge holds no business rules: it reads a request, calls its context over the bus and writes
 * the reply.
 *
 * <p>An edge is stateless; each gateway verticle instance asks it once for its
 * {@link #handlers handlers}. Its resources sit under {@code src/main/resources}:
 * {@code openapi/<name>.yaml} and {@code graphql/<name>/*.graphqls}.
 */
public interface Edge {

  /** The context's name, e.g. {@code catalog}; unique among the edges. */
  String name();

  /** The bus contracts its handlers call: the gateway registers their codecs. */
  List<Contract> contracts();

  /**
   * Classpath paths of its OpenAPI fragments: {@code paths}, {@code components} and {@code tags}
   * only, merged into the one contract served at {@code /api/v1/openapi.yaml}. Access to each
   * operation is its {@code security} there, enforced by the core.
   */
  List<String> openApiFragments();

  /**
   * Classpath paths of its GraphQL schema fragments for {@code api}: types, and
   * {@code extend type Query} / {@code extend type Mutation} over the common types of
   * {@code graphql/common.graphqls}. Access to a field is its {@code @auth} directive there,
   * enforced by the core.
   */
  List<String> graphqlFragments(GraphQlApi api);

  /** Its handlers for one gateway verticle instance; called once per instance at start-up. */
  EdgeHandlers handlers(EdgeContext context);
}
