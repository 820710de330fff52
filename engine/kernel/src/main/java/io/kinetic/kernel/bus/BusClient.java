package io.kinetic.kernel.bus;

import io.kinetic.kernel.error.Failure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;

/**
 * Request-reply over the event bus with a timeout and the caller (correlation id, actor) carried
 * as headers. Failures always come back as {@link Failure}: a timeout is {@code BUS_TIMEOUT}, no
 * handler {@code SERVICE_UNAVAILABLE}, a business failure keeps its code.
 */
public final class BusClient {

  private final EventBus bus;
  private final long timeoutMillis;

  public BusClient(Vertx vertx, long timeoutMillis) {
    this.bus = vertx.eventBus();
    this.timeoutMillis = timeoutMillis;
  }

  /** Sends {@code message} to the endpoint and completes with its reply, typed as the endpoint declares. */
  public <Q, R> Future<R> request(Endpoint<Q, R> endpoint, Q message, Caller caller) {
    var options = new DeliveryOptions().setSendTimeout(timeoutMillis).setLocalOnly(endpoint.local());
    caller.addTo(options);
    return bus.request(endpoint.address(), message, options)
      .map(reply -> endpoint.cast(reply.body()))
      .recover(t -> Future.failedFuture(Failure.from(t)));
  }

  public <R> Future<R> request(String address, Object message, String correlationId) {
    var options = new DeliveryOptions().setSendTimeout(timeoutMillis);
    if (correlationId != null) {
      options.addHeader(Headers.CORRELATION_ID, correlationId);
    }
    return bus.<R>request(address, message, options)
      .map(reply -> reply.body())
      .recover(t -> Future.failedFuture(Failure.from(t)));
  }
}
