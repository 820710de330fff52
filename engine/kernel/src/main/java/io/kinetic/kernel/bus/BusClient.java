package io.kinetic.kernel.bus;

import io.kinetic.kernel.error.Failure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.function.Consumer;

/**
 * Request-reply over the event bus with a timeout and the caller (correlation id, actor) carried
 * as headers. Failures always come back as {@link Failure}: a timeout is {@code BUS_TIMEOUT}, no
 * handler {@code SERVICE_UNAVAILABLE}, a business failure keeps its code.
 *
 * <p><b>Routing.</b> A request to a {@linkplain Endpoint#local() local} endpoint, and with
 * {@link Routing#preferLocal()} (the gateway's setting: every context is deployed on every node)
 * any request by address, goes to a consumer of this node only, so reads never cross to another
 * node and never wait on a node that died. Only when this node has no consumer for the address
 * does the request cross the cluster, with the short {@link Routing#remoteTimeoutMillis()}, and a
 * read ({@link #isRead}) that timed out there is sent once more, to the next node of the round
 * robin. Otherwise a request goes to any consumer in the cluster.
 */
public final class BusClient {

  private final EventBus bus;
  private final long timeoutMillis;
  private final Routing routing;

  /** How a request finds its consumer; see the class comment. */
  public record Routing(boolean preferLocal, long remoteTimeoutMillis) {
    /** Any consumer in the cluster, round robin, with the full timeout. */
    public static final Routing CLUSTER_WIDE = new Routing(false, 0);
  }

  public BusClient(Vertx vertx, long timeoutMillis) {
    this(vertx, timeoutMillis, Routing.CLUSTER_WIDE);
  }

  public BusClient(Vertx vertx, long timeoutMillis, Routing routing) {
    this.bus = vertx.eventBus();
    this.timeoutMillis = timeoutMillis;
    this.routing = routing;
  }

  /** Sends {@code message} to the endpoint and completes with its reply, typed as the endpoint declares. */
  public <Q, R> Future<R> request(Endpoint<Q, R> endpoint, Q message, Caller caller) {
    long timeout = endpoint.timeoutMillis() > 0 ? endpoint.timeoutMillis() : timeoutMillis;
    return route(endpoint.address(), message, caller::addTo, endpoint.local(), timeout).map(endpoint::cast);
  }

  /** {@link #request(Endpoint, Object, Caller)} for an anonymous caller known by its correlation id only. */
  public <Q, R> Future<R> request(Endpoint<Q, R> endpoint, Q message, String correlationId) {
    return request(endpoint, message, Caller.of(correlationId));
  }

  /** An address outside any contract (tests, tools); the reply is whatever the consumer answers. */
  public <R> Future<R> request(String address, Object message, String correlationId) {
    Consumer<DeliveryOptions> headers = options -> {
      if (correlationId != null) {
        options.addHeader(Headers.CORRELATION_ID, correlationId);
      }
    };
    return this.<Object>route(address, message, headers, routing.preferLocal(), timeoutMillis).map(body -> {
      @SuppressWarnings("unchecked")
      R reply = (R) body;
      return reply;
    });
  }

  /**
   * A read is idempotent and safe to send twice: by the house naming of addresses,
   * {@code <context>.get-...} and {@code <context>.list-...}.
   */
  public static boolean isRead(String address) {
    int dot = address.indexOf('.');
    return address.startsWith("get-", dot + 1) || address.startsWith("list-", dot + 1);
  }

  private <R> Future<R> route(String address, Object message, Consumer<DeliveryOptions> headers, boolean local, long full) {
    if (!local) {
      return this.<R>send(address, message, headers, full, false).recover(BusClient::failure);
    }
    return this.<R>send(address, message, headers, full, true)
      .recover(t -> is(t, ReplyFailure.NO_HANDLERS) ? remote(address, message, headers, full) : failure(t));
  }

  private <R> Future<R> remote(String address, Object message, Consumer<DeliveryOptions> headers, long full) {
    // 0: no shorter timeout configured for crossing nodes (CLUSTER_WIDE), the full one applies
    long timeout = routing.remoteTimeoutMillis() <= 0 ? full : Math.min(full, routing.remoteTimeoutMillis());
    Future<R> first = send(address, message, headers, timeout, false);
    if (!isRead(address)) {
      return first.recover(BusClient::failure);
    }
    return first
      .recover(t -> is(t, ReplyFailure.TIMEOUT) ? send(address, message, headers, timeout, false) : Future.failedFuture(t))
      .recover(BusClient::failure);
  }

  private <R> Future<R> send(String address, Object message, Consumer<DeliveryOptions> headers, long timeout,
                             boolean localOnly) {
    var options = new DeliveryOptions().setSendTimeout(timeout).setLocalOnly(localOnly);
    headers.accept(options);
    return bus.<R>request(address, message, options).map(reply -> reply.body());
  }

  private static boolean is(Throwable t, ReplyFailure type) {
    return t instanceof ReplyException re && re.failureType() == type;
  }

  private static <R> Future<R> failure(Throwable t) {
    return Future.failedFuture(Failure.from(t));
  }
}
