package io.kinetic.gateway.edge;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where an edge binds its handlers to the operations of its own OpenAPI fragments, by
 * operationId. Before an edge's handler runs, the core has checked the caller against the
 * operation's {@code security} and the request for control characters. Binding an operation of
 * another edge, or one twice, fails start-up, and so does leaving an operation unbound
 * ({@link #verifyAllBound}).
 */
public final class RestOperations {

  private final String edge;
  private final RouterBuilder builder;
  private final Map<String, String> owners;
  private final Set<String> bound;

  /** {@code owners}: operationId to owning edge; {@code bound}: shared by all edges, collects what was bound. */
  public RestOperations(String edge, RouterBuilder builder, Map<String, String> owners,
                        Set<String> bound) {
    this.edge = edge;
    this.builder = builder;
    this.owners = owners;
    this.bound = bound;
  }

  /**
   * The handler runs for requests checked against the contract (access, parameters, body); it reads
   * the parameters from {@code RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST} and the body with
   * {@code Bodies}.
   */
  public void bind(String operationId, Handler<RoutingContext> handler) {
    route(operationId).addHandler(handler);
  }

  /**
   * No validation at all: the handler checks its parameters itself, with the contract's rules
   * ({@code StringRule}). For the hottest public reads only; a secured operation cannot skip
   * validation, which carries its access check (start-up fails).
   */
  public void bindUnvalidated(String operationId, Handler<RoutingContext> handler) {
    route(operationId).setDoValidation(false).addHandler(handler);
  }

  private OpenAPIRoute route(String operationId) {
    String owner = owners.get(operationId);
    if (!edge.equals(owner)) {
      throw new IllegalStateException(edge + " cannot bind " + operationId + ": "
        + (owner == null ? "the contract has no such operation" : "it belongs to " + owner));
    }
    if (!bound.add(operationId)) {
      throw new IllegalStateException(operationId + " is bound twice");
    }
    return builder.getRoute(operationId);
  }

  /** Start-up guard: every operation of the contract has a handler. */
  public static void verifyAllBound(Map<String, String> owners, Set<String> bound) {
    var missing = new TreeSet<>(owners.keySet());
    missing.removeAll(bound);
    if (!missing.isEmpty()) {
      throw new IllegalStateException("operations without a handler: " + missing);
    }
  }
}
