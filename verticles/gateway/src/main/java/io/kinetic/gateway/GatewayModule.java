package io.kinetic.gateway;

import io.kinetic.kernel.config.AppConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;

/**
 * The gateway module for the composition root: the verticle class, its deployment (one instance
 * per event loop unless {@code http.instances} says otherwise, last, after the services), and the
 * metrics options Vert.x needs for {@code /metrics}. It owns no schema.
 */
public final class GatewayModule {

  public static final Class<GatewayVerticle> VERTICLE = GatewayVerticle.class;

  private GatewayModule() {
  }

  public static DeploymentOptions deploymentOptions(AppConfig config) {
    return new DeploymentOptions().setConfig(config.raw()).setInstances(AppConfig.instances(config.http().instances()));
  }

  /** Deploys the gateway; the future completes once every instance listens. */
  public static Future<String> deploy(Vertx vertx, AppConfig config) {
    return vertx.deployVerticle(VERTICLE, deploymentOptions(config));
  }

  /** The port the gateway listens on (the random one when {@code http.port} is 0), null before it listens. */
  public static Integer boundPort(Vertx vertx) {
    return (Integer) vertx.sharedData().getLocalMap("gateway").get("port");
  }

  /** Micrometer with a Prometheus registry, for {@code /metrics}; apply to the VertxOptions before Vert.x starts. */
  public static VertxOptions withMetrics(VertxOptions options) {
    return options.setMetricsOptions(new MicrometerMetricsOptions()
      .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
      .setEnabled(true));
  }
}
