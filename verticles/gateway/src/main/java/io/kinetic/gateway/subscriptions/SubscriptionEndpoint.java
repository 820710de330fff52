package io.kinetic.gateway.subscriptions;

import graphql.GraphQL;
import io.kinetic.gateway.AccessHandler;
import io.kinetic.gateway.ClientAddress;
import io.kinetic.gateway.Requests;
import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.error.Failure;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * GraphQL over WebSocket on the shop API's path ({@code GET /graphql} with {@code Upgrade: websocket}
 * and the sub-protocol {@code graphql-transport-ws}), mounted in front of the HTTP GraphQL handler:
 * any other request goes on to it. A client IP with {@code graphql.subscriptions.maxConnectionsPerIp}
 * connections open on this node is refused before the upgrade (429 {@code RATE_LIMITED}, with
 * {@code Retry-After}); a bearer token sent on the upgrade request itself was verified by the route
 * before (401 when bad) and becomes the connection's principal unless {@code connection_init}
 * names another. Each accepted socket is a {@link GraphQlWsConnection}.
 */
public final class SubscriptionEndpoint implements Handler<RoutingContext> {

  /** The WebSocket sub-protocol, the only one the server offers. */
  public static final String PROTOCOL = GraphQlWsConnection.PROTOCOL;

  private static final Logger LOG = Logger.getLogger(SubscriptionEndpoint.class.getName());
  /** A hint only: connections end at any time. */
  private static final long RETRY_AFTER_SECONDS = 10;

  private final Vertx vertx;
  private final GraphQL graphQl;
  private final AppConfig.Subscriptions limits;
  private final AccessHandler access;
  private final ClientAddress clientAddress;
  private final LiveStats stats;

  /** {@code graphQl}: the shop API's executable schema and limits. */
  public SubscriptionEndpoint(Vertx vertx, GraphQL graphQl, AppConfig.Subscriptions limits, AccessHandler access,
                              ClientAddress clientAddress) {
    this.vertx = vertx;
    this.graphQl = graphQl;
    this.limits = limits;
    this.access = access;
    this.clientAddress = clientAddress;
    this.stats = LiveStats.of(vertx);
  }

  @Override
  public void handle(RoutingContext rc) {
    HttpServerRequest request = rc.request();
    if (!request.canUpgradeToWebSocket()) {
      rc.next();
      return;
    }
    String ip = clientAddress.of(rc);
    if (!stats.tryOpen(ip, limits.maxConnectionsPerIp())) {
      rc.fail(Failure.rateLimited("at most " + limits.maxConnectionsPerIp()
        + " GraphQL WebSocket connections per client address are allowed at once", RETRY_AFTER_SECONDS));
      return;
    }
    String connectionId = Requests.correlationId(rc);
    String acceptLanguage = request.getHeader(HttpHeaders.ACCEPT_LANGUAGE);
    var principal = Requests.principal(rc);
    String token = principal == null ? null : AccessHandler.bearerToken(rc);
    request.toWebSocket().onComplete(ar -> {
      if (ar.failed()) {
        // Vert.x has answered the failed handshake (400, 405, 426)
        stats.closed(ip);
        LOG.log(Level.FINE, "graphql-ws handshake failed: " + ar.cause().getMessage());
        return;
      }
      new GraphQlWsConnection(vertx, ar.result(), graphQl, limits, access, ip, connectionId, acceptLanguage, principal, token)
        .start();
    });
  }
}
