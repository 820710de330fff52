package io.kinetic.gateway;

import io.kinetic.gateway.edge.BoundEdge;
import io.kinetic.gateway.edge.Edge;
import io.kinetic.gateway.edge.EdgeContext;
import io.kinetic.gateway.edge.EdgeHandlers;
import io.kinetic.gateway.edge.ShopShell;
import io.kinetic.gateway.graphql.GraphQlEndpoints;
import io.kinetic.gateway.idempotency.IdempotencyKeys;
import io.kinetic.gateway.openapi.ContractAssembly;
import io.kinetic.gateway.openapi.ContractLoader;
import io.kinetic.gateway.openapi.MergedContract;
import io.kinetic.gateway.subscriptions.LiveEvents;
import io.kinetic.gateway.subscriptions.SubscriptionEndpoint;
import io.kinetic.kernel.auth.Jwt;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.contract.Contracts;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.openapi.contract.OpenAPIContract;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The only HTTP listener of the engine: REST, GraphQL, health, metrics and static files, translated
 * into event-bus requests by the contexts' edges ({@link Edges}). At start each instance merges
 * the edges' contract and schema fragments, asks each edge for its handlers and builds one router
 * ({@link GatewayRouter}); nothing is merged per request. Deploy one instance per event loop
 * ({@code AppConfig.instances(http.instances)}): they share the port. With {@code http.port} 0 the
 * instances share one random port, published as {@code sharedData().getLocalMap("gateway").get("port")}.
 */
public final class GatewayVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(GatewayVerticle.class.getName());
  /** A negative port: every instance of this Vert.x shares one random port. */
  private static final int SHARED_RANDOM_PORT = -1;

  private HttpServer server;
  private List<BoundEdge> edges = List.of();
  private final AppConfig config;
  private final List<Edge> edgeList;
  private StaffSessionGuard staffSessions;
  private LiveEvents live;
  private IdempotencyKeys idempotency;

  /** The edge sees the whole configuration: HTTP, GraphQL, auth, and the defaults of the contexts it translates for. */
  GatewayVerticle(AppConfig config) {
    this(config, Edges.ALL);
  }

  /** With other edges than {@link Edges#ALL} (tests of the edge machinery). */
  GatewayVerticle(AppConfig config, List<Edge> edges) {
    this.config = config;
    this.edgeList = List.copyOf(edges);
  }

  @Override
  public Future<?> start() {
    // the contracts the edges speak (the server registers them too; a gateway deployed alone needs them)
    Contracts.register(vertx, Edges.contracts(edgeList));
    // every context runs on every node: reads stay on this node unless it has no consumer (see BusClient)
    var bus = new BusClient(vertx, config.bus().timeoutMillis(),
      new BusClient.Routing(config.bus().preferLocal(), config.bus().remoteTimeoutMillis()));
    var locales = new Locales(config.catalog().defaultLocale());
    staffSessions = new StaffSessionGuard(vertx, bus, config.auth().staffRevocationPollMillis());
    var access = new AccessHandler(Jwt.auth(vertx, config.auth()), staffSessions);
    var clientAddress = new ClientAddress(config.http());
    live = new LiveEvents(vertx, Duration.ofMillis(config.graphql().subscriptions().coalesceMillis()));
    idempotency = IdempotencyKeys.create(vertx, config, access, clientAddress);
    Future<MergedContract> merged = vertx.executeBlocking(() -> ContractAssembly.assemble(edgeList, config.raw()));
    Future<OpenAPIContract> contract = merged.compose(m -> ContractLoader.load(vertx, m.document()));
    Future<String> csp = ContentSecurityPolicy.load(vertx, config.stripe());
    Future<ShopShell> shell = csp.compose(policy -> ShopShell.load(vertx, policy, config.mail().shopName(), config.mail().shopUrl(),
      config.catalog().lowStockThreshold()));
    return Future.all(contract, shell, staffSessions.start())
      .compose(all -> {
        var context = new EdgeContext(vertx, config, bus, locales, clientAddress, access, merged.result(), live, shell.result());
        edges = edgeList.stream().map(edge -> BoundEdge.of(edge, context)).toList();
        return GraphQlEndpoints.create(vertx, config.graphql(), edges);
      })
      .map(graphql -> new GatewayRouter(vertx, config, access, clientAddress, csp.result(), shell.result(), idempotency)
        .build(merged.result(), contract.result(), graphql, edges))
      .compose(this::listen)
      .onSuccess(this::publish);
  }

  @Override
  public Future<?> stop() {
    if (staffSessions != null) {
      staffSessions.stop();
    }
    Future<Void> drained = server == null ? Future.succeededFuture()
      : server.shutdown(config.shutdown().graceSeconds(), TimeUnit.SECONDS);
    // the WebSocket connections closed with the server (1001): their subscriptions have ended
    return drained
      .eventually(() -> live == null ? Future.succeededFuture() : live.close())
      .eventually(() -> idempotency == null ? Future.succeededFuture() : idempotency.close())
      .eventually(() -> Future.join(edges.stream().map(BoundEdge::handlers).map(EdgeHandlers::close).toList()));
  }

  /**
   * The server: every response gets the edge's security headers, requests the HTTP codec cannot
   * decode (too long, too large, Content-Length with Transfer-Encoding) get a problem+json answer,
   * and the answers to writes that carry an {@code Idempotency-Key} are recorded for replay.
   */
  private Future<HttpServer> listen(Router router) {
    HttpServerOptions options = serverOptions(config);
    return vertx.createHttpServer(options)
      .connectionHandler(StrictRequestDecoder.installer(options))
      .invalidRequestHandler(new InvalidRequests())
      .requestHandler(SecurityHeaders.everyResponse(InvalidRequests.framingChecked(idempotency.recording(router))))
      .listen();
  }

  static HttpServerOptions serverOptions(AppConfig config) {
    int port = config.http().port();
    int maxMessage = config.graphql().subscriptions().maxMessageBytes();
    return new HttpServerOptions()
      // GraphQL subscriptions on /graphql (SubscriptionEndpoint), and no other WebSocket protocol
      .setWebSocketSubProtocols(List.of(SubscriptionEndpoint.PROTOCOL))
      .setMaxWebSocketFrameSize(maxMessage)
      .setMaxWebSocketMessageSize(maxMessage)
      .setHost(config.http().host())
      .setPort(port == 0 ? SHARED_RANDOM_PORT : port)
      // the API hot path answers small JSON documents: compressing them costs more CPU than it saves
      .setCompressionSupported(false)
      // no HTTP/2 over cleartext: "h2c" upgrades are a known way to smuggle requests past a proxy,
      // and with them the first request of a connection would be decoded before StrictRequestDecoder is in place
      .setHttp2ClearTextEnabled(false)
      .setTcpNoDelay(true);
  }

  private void publish(HttpServer server) {
    this.server = server;
    int actual = server.actualPort();
    vertx.sharedData().getLocalMap("gateway").put("port", actual);
    LOG.info("gateway listening on " + config.http().host() + ":" + actual);
  }
}
