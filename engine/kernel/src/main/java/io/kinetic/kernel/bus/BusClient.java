package io.kinetic.kernel.bus;

import io.kinetic.kernel.error.Failure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;

/**
 * Request-reply over the event bus with a timeout and the correlation id carried as a header.
 * Failures always come back as {@link Failure}: a timeout is {@code BUS_TIMEOUT}, no handler
 * {@code SERVICE_UNAVAILABLE}, a business failure keeps its code.
 */
public final class BusClient {

  private final EventBus bus;
  private final long timeoutMillis;

  public BusClient(Vertx vertx, long timeoutMillis) {
    this.bus = vertx.eventBus();
    this.timeoutMillis = timeoutMillis;
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
