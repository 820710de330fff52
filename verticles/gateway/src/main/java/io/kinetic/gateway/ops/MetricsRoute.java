package io.kinetic.gateway.ops;

import io.kinetic.gateway.AccessHandler;
import io.kinetic.gateway.AccessRule;
import io.kinetic.gateway.Requests;
import io.kinetic.gateway.subscriptions.LiveStats;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.spi.metrics.MetricsProvider;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.backends.BackendRegistries;
import io.vertx.micrometer.impl.MicrometerMetrics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * {@code GET /metrics}: Prometheus text of the registry this Vert.x instance records into (not the
 * process-wide default, which another Vert.x in the same JVM may have closed), followed by the
 * event logs' gauges ({@link EventLogHealth#prometheus}) and the GraphQL WebSocket gauges
 * ({@link LiveStats#prometheus}). Mounted only when {@code http.metrics}
 * is on and Vert.x runs with Micrometer metrics. Not public: the caller sends
 * {@code Authorization: Bearer <http.metricsToken>} (compared in constant time; the token is set
 * with COMMERCE_HTTP_METRICS_TOKEN) or a staff access token with the {@code admin} role; anything
 * else is 401 (403 for staff without the role).
 */
final class MetricsRoute {

  private static final AccessRule ADMINS = AccessRule.staffWithAnyOf("admin");
  private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

  private MetricsRoute() {
  }

  static void mount(Router router, Vertx vertx, String metricsToken, AccessHandler access, EventLogHealth events) {
    if (!vertx.isMetricsEnabled()) {
      return;
    }
    PrometheusMeterRegistry registry = vertx instanceof MetricsProvider provider
      && provider.getMetrics() instanceof MicrometerMetrics micrometer
      && micrometer.registry() instanceof PrometheusMeterRegistry prometheus
      ? prometheus : (PrometheusMeterRegistry) BackendRegistries.getDefaultNow();
    LiveStats live = LiveStats.of(vertx);
    router.get("/metrics").handler(guard(metricsToken, access)).handler(rc -> events.statuses(Requests.caller(rc))
      .otherwise(List.of())
      .onComplete(logs -> rc.response().putHeader(HttpHeaders.CONTENT_TYPE, TEXT_FORMAT)
        .end(registry.scrape() + EventLogHealth.prometheus(logs.result()) + live.prometheus())));
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
