package io.kinetic.gateway;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextImplBase;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code Allow} header of a 405 answer (RFC 9110, 15.5.6): the methods of the routes whose path
 * matched the request while their methods did not. vert.x-web gathers them while it routes a
 * request, but writes them only into its own bare 405, which the edge replaces with problem+json;
 * so they are read from its routing context (internal API, pinned to vert.x-web 5.0.x: the lookup
 * runs when the router is built, so a version without the field fails start-up, and
 * {@code ProbeFindingsTest} checks the header).
 */
final class AllowedMethods {

  private static final VarHandle GATHERED = gathered();
  /** The usual methods first, in the order RFC 9110 lists them; any other after them, by name. */
  private static final List<HttpMethod> ORDER = List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT,
    HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS);

  private AllowedMethods() {
  }

  /** Makes sure the routing context can be read: call while the router is built. */
  static void check() {
    if (GATHERED == null) {
      throw new IllegalStateException("vert.x-web's routing context does not hold the allowed methods");
    }
  }

  /** The methods the path of the request {@code rc} was refused 405 for takes, e.g. {@code GET, HEAD}; empty when unknown. */
  static String of(RoutingContext rc) {
    if (!(rc instanceof RoutingContextImplBase base)) {
      return "";
    }
    @SuppressWarnings("unchecked")
    Set<HttpMethod> methods = (Set<HttpMethod>) GATHERED.get(base);
    if (methods == null) {
      return "";
    }
    return methods.stream()
      .sorted(Comparator.<HttpMethod>comparingInt(m -> ORDER.contains(m) ? ORDER.indexOf(m) : ORDER.size()).thenComparing(HttpMethod::name))
      .map(HttpMethod::name)
      .distinct()
      .collect(Collectors.joining(", "));
  }

  private static VarHandle gathered() {
    try {
      return MethodHandles.privateLookupIn(RoutingContextImplBase.class, MethodHandles.lookup())
        .findVarHandle(RoutingContextImplBase.class, "allowedMethods", Set.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
