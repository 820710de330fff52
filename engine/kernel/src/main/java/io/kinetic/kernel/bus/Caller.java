package io.kinetic.kernel.bus;

import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.DeliveryOptions;

/**
 * Who a bus request acts for, carried in headers: the correlation id of the outside request that
 * caused it, and the authenticated actor ({@code staff:<id>}, {@code customer:<id>}), null for
 * anonymous callers and the engine itself.
 */
public record Caller(String correlationId, String actor) {

  public static final Caller SYSTEM = new Caller(null, null);

  public static Caller of(String correlationId) {
    return new Caller(correlationId, null);
  }

  static Caller from(MultiMap headers) {
    return new Caller(headers.get(Headers.CORRELATION_ID), headers.get(Headers.PRINCIPAL));
  }

  void addTo(DeliveryOptions options) {
    if (correlationId != null) {
      options.addHeader(Headers.CORRELATION_ID, correlationId);
    }
    if (actor != null) {
      options.addHeader(Headers.PRINCIPAL, actor);
    }
  }
}
