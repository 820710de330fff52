package io.kinetic.gateway;

import io.kinetic.gateway.graphql.GraphQlEndpoints;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.error.ErrorCode;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;

/**
 * The one router of the gateway. Order: correlation id, no-store for private paths, body (only
 * for methods with a body, so GETs never wait for one), the OpenAPI routes (access check,
 * validation against openapi.yaml, control characters, handler), GraphQL, health, metrics, media
 * placeholders, static files; one problem+json failure handler for all of them.
 */
final class GatewayRouter {

  /** Webjar paths carry their version: cache for a year. SPA files do not: revalidate after 5 minutes. */
  private static final long ONE_YEAR = 365L * 24 * 3600;
  private static final long SPA_MAX_AGE = 300;
  private final Vertx vertx;
  private final AppConfig config;
  private final BusClient bus;
  private final AccessHandler access;
  private final Locales locales;
  private final String contentSecurityPolicy;
  private final ClientAddress clientAddress;

  /** {@code contentSecurityPolicy}: the pages' policy, see {@link ContentSecurityPolicy}. */
  GatewayRouter(Vertx vertx, AppConfig config, BusClient bus, AccessHandler access, Locales locales,
                String contentSecurityPolicy, ClientAddress clientAddress) {
    this.vertx = vertx;
    this.clientAddress = clientAddress;
    this.config = config;
    this.bus = bus;
    this.access = access;
    this.locales = locales;
    this.contentSecurityPolicy = contentSecurityPolicy;
  }

  Router build(OpenAPIContract contract, JsonObject document, Buffer openApiYaml, GraphQlEndpoints graphql, HealthRoutes health) {
    var contractAccess = new ContractAccess(document, access);
    RouterBuilder builder = RouterBuilder.create(vertx, contract, contractAccess);
    builder.rootHandler(new CorrelationHandler());
    builder.rootHandler(SecurityHeaders::noStore);
    builder.rootHandler(bodies(config.http().maxBodyBytes()));
    // every REST operation, before its own handler: no control characters in parameters or body
    var text = ControlCharacters.handler();
    builder.getRoutes().forEach(route -> route.addHandler(text));

    var queries = new ProductQueries(locales, config.catalog().defaultCurrency());
    new StorefrontRoutes(bus, locales, queries).mount(builder, contract);
    new AuthRoutes(bus, clientAddress, config.auth().refreshTtlSeconds()).mount(builder);
    new AdminCatalogRoutes(bus, queries).mount(builder);
    new AdminTaxonomyRoutes(bus, locales).mount(builder);
    new StaffRoutes(bus).mount(builder);
    var events = new EventLogHealth(vertx, bus);
    builder.getRoute("adminEventLogHealth").addHandler(events::reply);
    builder.getRoute("openApi").setDoValidation(false).addHandler(rc ->
      rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml; charset=utf-8").end(openApiYaml));
    contractAccess.verify(builder.getRoutes());

    Router router = builder.createRouter();
    router.route("/graphql").method(HttpMethod.GET).method(HttpMethod.POST)
      .handler(access.optional()).handler(graphql.shopHandler());
    router.route("/admin/graphql").method(HttpMethod.GET).method(HttpMethod.POST)
      .handler(access.require(AccessRule.ANY_STAFF)).handler(graphql.adminHandler());
    if (config.graphql().graphiql()) {
      router.route("/graphiql*").subRouter(GraphQlEndpoints.graphiql(vertx));
    }
    health.mount(router);
    if (config.http().metrics()) {
      MetricsRoute.mount(router, vertx, config.http().metricsToken(), access, events);
    }
    PlaceholderSvg.mount(router);
    statics(router);

    router.route().failureHandler(new ProblemHandler());
    // a path vert.x-web cannot decode (e.g. "%zz") fails before any route, failure handlers included
    router.errorHandler(400, ProblemHandler.forStatus(ErrorCode.VALIDATION_FAILED, "the request path or query is invalid"));
    router.errorHandler(404, ProblemHandler.forStatus(ErrorCode.NOT_FOUND, "no such resource"));
    router.errorHandler(405, ProblemHandler.forStatus(ErrorCode.METHOD_NOT_ALLOWED, "method not allowed on this resource"));
    router.errorHandler(500, new ProblemHandler());
    return router;
  }

  /**
   * Webjars (htm comes from an mvnpm jar, whose files sit under {@code _static}), the admin SPA at
   * /admin/ and the storefront at /, all from the classpath (or ./webroot in dev).
   */
  private void statics(Router router) {
    router.route("/webjars/htm/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
      .handler(StaticHandler.create("META-INF/resources/_static/htm").setMaxAgeSeconds(ONE_YEAR));
    router.route("/webjars/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
      .handler(StaticHandler.create("META-INF/resources/webjars").setMaxAgeSeconds(ONE_YEAR));
    router.getWithRegex("/admin").handler(rc -> rc.redirect("/admin/"));
    router.route("/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
      .handler(this::pageHeaders)
      .handler(StaticHandler.create("webroot").setIndexPage("index.html").setMaxAgeSeconds(SPA_MAX_AGE));
  }

  private void pageHeaders(RoutingContext rc) {
    rc.response().headers()
      .add("Content-Security-Policy", contentSecurityPolicy)
      .add("Referrer-Policy", "same-origin");
    rc.next();
  }

  private static Handler<RoutingContext> bodies(int maxBodyBytes) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
    return rc -> {
      HttpMethod method = rc.request().method();
      if (method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH) {
        body.handle(rc);
      } else {
        rc.next();
      }
    };
  }
}
