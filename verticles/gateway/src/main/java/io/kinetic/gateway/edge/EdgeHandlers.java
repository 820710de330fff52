package io.kinetic.gateway.edge;

import graphql.schema.idl.RuntimeWiring;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An edge's handlers in one gateway verticle instance. Every operation of the edge's OpenAPI
 * fragments must get a handler in {@link #bindOperations} (start-up fails otherwise), and every
 * field of its GraphQL fragments a data fetcher in {@link #wire} unless graphql-java's default
 * (a property of the parent value) fits.
 */
public interface EdgeHandlers {

  /** Binds a handler to each operation of the edge's OpenAPI fragments, by operationId. */
  default void bindOperations(RestOperations operations) {
  }

  /** Routes outside the contract (health, metrics, media); mounted before the static files. */
  default void mountRoutes(Router router) {
  }

  /** The data fetchers (and type wiring) of the edge's fields in {@code api}. */
  default void wire(GraphQlApi api, RuntimeWiring.Builder wiring) {
  }

  /** The DataLoaders the edge's fetchers in {@code api} use. */
  default List<EdgeLoader> loaders(GraphQlApi api) {
    return List.of();
  }

  /**
   * When cached GraphQL results get stale: for each event address of the edge's context, the
   * result-cache tags an event there retires (see {@code ResultCache}); the tags are the ones the
   * edge's fetchers give their results.
   */
  default Map<String, Function<Object, Collection<String>>> invalidations() {
    return Map.of();
  }

  /** Releases what the handlers opened (pools, timers) when the verticle stops. */
  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
