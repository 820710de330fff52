package io.kinetic.recommendations;

import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.contract.ContextModule;
import io.kinetic.kernel.contract.Contract;
import io.kinetic.kernel.contract.recommendations.RecommendationsApi;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The recommendations context: behaviour events in, recommendations out. Schema {@value #SCHEMA}
 * ({@code classpath:db/recommendations}), the contract {@link RecommendationsApi}, one
 * {@link RecommendationsVerticle} per node (its models live in memory, on one event loop).
 */
public final class RecommendationsModule implements ContextModule {

  public static final String SCHEMA = "recommendations";

  @Override
  public Contract contract() {
    return RecommendationsApi.CONTRACT;
  }

  @Override
  public Future<String> deployVerticles(Vertx vertx, AppConfig config) {
    return vertx.deployVerticle(new RecommendationsVerticle(RecommendationSettings.from(config)));
  }
}
