package io.kinetic.gateway;

import io.kinetic.gateway.edge.BoundEdge;
import io.kinetic.gateway.edge.GraphQlApi;
import io.kinetic.gateway.edge.RestOperations;
import io.kinetic.gateway.edge.ShopShell;
import io.kinetic.gateway.graphql.GraphQlEndpoints;
import io.kinetic.gateway.idempotency.IdempotencyKeys;
import io.kinetic.gateway.openapi.ContractAssembly;
import io.kinetic.gateway.openapi.MergedContract;
import io.kinetic.gateway.subscriptions.SubscriptionEndpoint;
import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.error.ErrorCode;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one router of the gateway. Order: correlation id, no-store for private paths, body (only
 * for methods with a body, so GETs never wait for one), the operations of the merged contract
 * (access check from their {@code security}, validation, control characters, the
 * {@code Idempotency-Key} of writes, then the owning edge's handler), GraphQL (access, the key of a
 * mutation, the endpoint; on the shop path, WebSocket upgrades go to its subscriptions), the edges'
 * own routes (health, metrics, media placeholders), static files; one problem+json failure handler
 * for all of them.
 */
final class GatewayRouter {

  /** The paths whose GET routes come from the contract or the edges and do not take HEAD themselves ({@link #headAsGet}). */
  static final String HEAD_AS_GET = "^/(?:api/|health/|metrics$).*";

  private final Vertx vertx;
  private final AppConfig config;
  private final AccessHandler access;
  private final ClientAddress clientAddress;
  private final String contentSecurityPolicy;
  private final ShopShell shell;
  private final IdempotencyKeys idempotency;

  /** {@code contentSecurityPolicy}: the pages' policy, see {@link ContentSecurityPolicy}. */
  GatewayRouter(Vertx vertx, AppConfig config, AccessHandler access, ClientAddress clientAddress, String contentSecurityPolicy,
                ShopShell shell, IdempotencyKeys idempotency) {
    this.shell = shell;
    this.vertx = vertx;
    this.config = config;
    this.access = access;
    this.clientAddress = clientAddress;
    this.contentSecurityPolicy = contentSecurityPolicy;
    this.idempotency = idempotency;
  }

  Router build(MergedContract merged, OpenAPIContract contract, GraphQlEndpoints graphql, List<BoundEdge> edges) {
    var contractAccess = new ContractAccess(merged.document(), access);
    RouterBuilder builder = RouterBuilder.create(vertx, contract);
    builder.rootHandler(new CorrelationHandler());
    builder.rootHandler(SecurityHeaders::noStore);
    builder.rootHandler(bodies(config.http().maxBodyBytes(), config.media().maxUploadBytes(), uploadPaths(builder)));
    // every REST operation, first: the caller's access, then parameters and body against the contract
    var validations = new HashMap<String, ContractValidation>();
    for (OpenAPIRoute route : builder.getRoutes()) {
      var validation = new ContractValidation(contract, route.getOperation(), contractAccess);
      validations.put(route.getOperation().getOperationId(), validation);
      route.addHandler(validation);
    }
    // every REST operation, before its edge's handler: no control characters in parameters or body
    var text = ControlCharacters.handler();
    builder.getRoutes().forEach(route -> route.addHandler(text));
    // every write (any method but GET, HEAD, OPTIONS), whichever edge binds it: its Idempotency-Key
    var keys = idempotency.rest();
    builder.getRoutes().stream().filter(route -> IdempotencyKeys.writes(route.getOperation().getHttpMethod()))
      .forEach(route -> route.addHandler(keys));

    var bound = new HashSet<String>();
    for (BoundEdge edge : edges) {
      edge.handlers().bindOperations(new RestOperations(edge.edge().name(), builder, merged.owners(), bound));
    }
    new RestOperations(ContractAssembly.CORE, builder, merged.owners(), bound).bindUnvalidated("openApi", rc ->
      rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml; charset=utf-8").end(merged.yaml()));
    RestOperations.verifyAllBound(merged.owners(), bound);
    contractAccess.verify(builder.getRoutes());
    // the contract is checked by ContractValidation, never by the library's own validator
    for (OpenAPIRoute route : builder.getRoutes()) {
      validations.get(route.getOperation().getOperationId()).enabled(route.doValidation());
      route.setDoValidation(false);
    }

    Router router = builder.createRouter();
    var subscriptions = new SubscriptionEndpoint(vertx, graphql.graphQl(GraphQlApi.SHOP), config.graphql().subscriptions(),
      access, clientAddress);
    router.route(GraphQlApi.SHOP.path()).method(HttpMethod.GET).method(HttpMethod.POST)
      .handler(access.optional()).handler(subscriptions).handler(idempotency.graphQl()).handler(graphql.handler(GraphQlApi.SHOP));
    router.route(GraphQlApi.ADMIN.path()).method(HttpMethod.GET).method(HttpMethod.POST)
      .handler(access.require(AccessRule.ANY_STAFF)).handler(idempotency.graphQl()).handler(graphql.handler(GraphQlApi.ADMIN));
    if (config.graphql().graphiql()) {
      router.route("/graphiql*").subRouter(GraphQlEndpoints.graphiql(vertx));
    }
    edges.forEach(edge -> edge.handlers().mountRoutes(router));
    headAsGet(router);
    StaticFiles.mount(vertx, router, contentSecurityPolicy, shell, config.catalog().defaultLocale());

    router.route().failureHandler(new ProblemHandler());
    // a path vert.x-web cannot decode (e.g. "%zz") fails before any route, failure handlers included
    router.errorHandler(400, ProblemHandler.forStatus(ErrorCode.VALIDATION_FAILED, "the request path or query is invalid"));
    router.errorHandler(404, ProblemHandler.forStatus(ErrorCode.NOT_FOUND, "no such resource"));
    router.errorHandler(405, ProblemHandler.methodNotAllowed());
    router.errorHandler(500, new ProblemHandler());
    return router;
  }

  /**
   * HEAD wherever GET answers under {@link #HEAD_AS_GET} (RFC 9110): each such GET route (the API's,
   * the health checks', the metrics') gets a HEAD route at its path that runs the GET, and the
   * response leaves the body out (vert.x does for a HEAD request); without it HEAD was a 404. A
   * route per path, not one for all of them, so that a 405's {@code Allow} names HEAD only where a GET is.
   */
  private static void headAsGet(Router router) {
    Pattern scope = Pattern.compile(HEAD_AS_GET);
    for (Route route : List.copyOf(router.getRoutes())) {
      Set<HttpMethod> methods = route.methods();
      String path = route.getPath();
      if (path != null && methods != null && methods.contains(HttpMethod.GET) && !methods.contains(HttpMethod.HEAD)
        && scope.matcher(path).matches()) {
        router.route(HttpMethod.HEAD, route.isExactPath() ? path : path + "*")
          .handler(rc -> rc.reroute(HttpMethod.GET, rc.request().uri()));
      }
    }
  }

  /**
   * Bodies are buffered up to {@code http.maxBodyBytes}; the paths of operations that take raw bytes
   * ({@code application/octet-stream}, e.g. an image upload) up to {@code media.maxUploadBytes}.
   */
  private static Handler<RoutingContext> bodies(int maxBodyBytes, int maxUploadBytes, java.util.Set<String> uploadPaths) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
    BodyHandler upload = BodyHandler.create(false).setBodyLimit(maxUploadBytes);
    return rc -> {
      HttpMethod method = rc.request().method();
      if (method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH) {
        (uploadPaths.contains(rc.request().path()) ? upload : body).handle(rc);
      } else {
        rc.next();
      }
    };
  }

  /** The paths (without parameters) of the operations whose body is raw bytes. */
  private static java.util.Set<String> uploadPaths(RouterBuilder builder) {
    var paths = new HashSet<String>();
    for (OpenAPIRoute route : builder.getRoutes()) {
      var requestBody = route.getOperation().getRequestBody();
      if (requestBody != null && requestBody.getContent().containsKey("application/octet-stream")
        && !route.getOperation().getOpenAPIPath().contains("{")) {
        paths.add(route.getOperation().getOpenAPIPath());
      }
    }
    return java.util.Set.copyOf(paths);
  }
}
