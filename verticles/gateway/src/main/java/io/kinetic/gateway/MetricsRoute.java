package io.kinetic.gateway;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.spi.metrics.MetricsProvider;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.micrometer.impl.MicrometerMetrics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code GET /metrics}: Prometheus text of the registry this Vert.x instance records into (not the
 * process-wide default, which another Vert.x in the same JVM may have closed). Mounted only when
 * {@code http.metrics} is on and Vert.x runs with Micrometer metrics. Not public: the caller sends
 * {@code Authorization: Bearer <http.metricsToken>} (compared in constant time; the token is set
 * with COMMERCE_HTTP_METRICS_TOKEN) or a staff access token with the {@code admin} role; anything
 * else is 401 (403 for staff without the role).
 */
final class MetricsRoute {

  private static final AccessRule ADMINS = AccessRule.staffWithAnyOf("admin");

  private MetricsRoute() {
  }

  static void mount(Router router, Vertx vertx, String metricsToken, AccessHandler access) {
    if (!vertx.isMetricsEnabled()) {
      return;
    }
    var route = router.get("/metrics").handler(guard(metricsToken, access));
    if (vertx instanceof MetricsProvider provider && provider.getMetrics() instanceof MicrometerMetrics micrometer
      && micrometer.registry() instanceof PrometheusMeterRegistry prometheus) {
      route.handler(PrometheusScrapingHandler.create(prometheus));
    } else {
      route.handler(PrometheusScrapingHandler.create());
    }
  }

  private static Handler<RoutingContext> guard(String metricsToken, AccessHandler access) {
    byte[] expected = metricsToken.isEmpty() ? null : metricsToken.getBytes(StandardCharsets.UTF_8);
    return rc -> {
      String token = AccessHandler.bearerToken(rc);
      if (expected != null && token != null && MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.UTF_8))) {
        rc.next();
        return;
      }
      access.check(rc, ADMINS).onComplete(ar -> {
        if (ar.succeeded()) {
          rc.next();
        } else {
          rc.fail(ar.cause());
        }
      });
    };
  }
}
