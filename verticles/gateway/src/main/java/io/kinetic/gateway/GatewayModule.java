package io.kinetic.gateway;

import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.contract.ContextModule;
import io.kinetic.kernel.contract.Contract;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;

/**
 * The gateway module for the composition root: the verticle class, its deployment (one instance
 * per event loop unless {@code http.instances} says otherwise, last, after the services), and the
 * metrics options Vert.x needs for {@code /metrics}. It owns no schema.
 */
public final class GatewayModule implements ContextModule {

  private static final Contract NO_ENDPOINTS = Contract.of("gateway", null);

  /** The gateway offers nothing on the bus: it calls the other contexts' endpoints. */
  @Override
  public Contract contract() {
    return NO_ENDPOINTS;
  }

  @Override
  public boolean ownsSchema() {
    return false;
  }

  /** One instance per event loop (or {@code http.instances}); completes once every instance listens. */
  @Override
  public Future<String> deployVerticles(Vertx vertx, AppConfig config) {
    var options = new DeploymentOptions().setInstances(AppConfig.instances(config.http().instances()));
    return vertx.deployVerticle(() -> new GatewayVerticle(config), options);
  }

  /** The port the gateway listens on (the random one when {@code http.port} is 0), null before it listens. */
  public static Integer boundPort(Vertx vertx) {
    return (Integer) vertx.sharedData().getLocalMap("gateway").get("port");
  }

  /** Micrometer with a Prometheus registry, for {@code /metrics}; apply to the VertxOptions before Vert.x starts. */
  public static VertxOptions withMetrics(VertxOptions options) {
    return options.setMetricsOptions(new MicrometerMetricsOptions()
      .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
      // PostgreSQL and Redis connections are measured by their pools and clients (tagged with
      // namespace, the pool's name); untagged net-client gauges would collide between them
      .addDisabledMetricsCategory(MetricsDomain.NET_CLIENT)
      .addLabels(Label.NAMESPACE)
      .setEnabled(true));
  }
}
