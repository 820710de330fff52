package io.kinetic.gateway;

import io.kinetic.kernel.bus.Caller;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.spi.metrics.MetricsProvider;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.backends.BackendRegistries;
import io.vertx.micrometer.impl.MicrometerMetrics;
import java.util.List;

/**
 * {@code GET /metrics}: Prometheus text of the registry this Vert.x instance records into (not the
 * process-wide default, which another Vert.x in the same JVM may have closed), followed by the
 * event logs' gauges ({@link EventLogHealth#prometheus}). Mounted only when {@code http.metrics}
 * is on and Vert.x runs with Micrometer metrics.
 */
final class MetricsRoute {

  private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

  private MetricsRoute() {
  }

  static void mount(Router router, Vertx vertx, EventLogHealth events) {
    if (!vertx.isMetricsEnabled()) {
      return;
    }
    PrometheusMeterRegistry registry = vertx instanceof MetricsProvider provider
      && provider.getMetrics() instanceof MicrometerMetrics micrometer
      && micrometer.registry() instanceof PrometheusMeterRegistry prometheus
      ? prometheus : (PrometheusMeterRegistry) BackendRegistries.getDefaultNow();
    router.get("/metrics").handler(rc -> events.statuses(Caller.of(Requests.correlationId(rc)))
      .otherwise(List.of())
      .onComplete(logs -> rc.response().putHeader(HttpHeaders.CONTENT_TYPE, TEXT_FORMAT)
        .end(registry.scrape() + EventLogHealth.prometheus(logs.result()))));
  }
}
