package io.kinetic.gateway;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.spi.metrics.MetricsProvider;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.micrometer.impl.MicrometerMetrics;

/**
 * {@code GET /metrics}: Prometheus text of the registry this Vert.x instance records into (not the
 * process-wide default, which another Vert.x in the same JVM may have closed). Mounted only when
 * {@code http.metrics} is on and Vert.x runs with Micrometer metrics.
 */
final class MetricsRoute {

  private MetricsRoute() {
  }

  static void mount(Router router, Vertx vertx) {
    if (!vertx.isMetricsEnabled()) {
      return;
    }
    if (vertx instanceof MetricsProvider provider && provider.getMetrics() instanceof MicrometerMetrics micrometer
      && micrometer.registry() instanceof PrometheusMeterRegistry prometheus) {
      router.get("/metrics").handler(PrometheusScrapingHandler.create(prometheus));
    } else {
      router.get("/metrics").handler(PrometheusScrapingHandler.create());
    }
  }
}
