package io.kinetic.gateway.ops;

import io.kinetic.gateway.Replies;
import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.id.InstanceId;
import io.kinetic.kernel.pg.PgPools;
import io.kinetic.kernel.redis.RedisClients;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code /health/live}: the process answers. {@code /health/ready}: PostgreSQL answers
 * {@code SELECT 1} and Redis {@code PING} within 2 s each; 503 naming what is down otherwise.
 * Both carry {@code instanceId}, the random id of this engine process (also in {@code runtime.json}),
 * so a script can check that it talks to the engine it started.
 * The gateway owns no tables: its pool of 2 connections exists for this check only.
 */
final class HealthRoutes {

  private static final long TIMEOUT_MILLIS = 2000;
  private static final String UP = "UP";
  private static final String DOWN = "DOWN";

  private final Pool pg;
  private final RedisAPI redis;
  private final String instanceId;

  private HealthRoutes(Pool pg, RedisAPI redis, String instanceId) {
    this.pg = pg;
    this.redis = redis;
    this.instanceId = instanceId;
  }

  static HealthRoutes create(Vertx vertx, AppConfig config) {
    Pool pool = config.pg().configured() ? PgPools.create(vertx, config.pg().url(), 2, "gateway") : null;
    RedisAPI redis = config.redis().configured() ? RedisClients.create(vertx, config.redis().url(), 1, "health") : null;
    return new HealthRoutes(pool, redis, InstanceId.of(vertx));
  }

  void mount(Router router) {
    router.get("/health/live").handler(rc -> Replies.ok(rc, Map.of("status", UP, "instanceId", instanceId)));
    router.get("/health/ready").handler(this::ready);
  }

  Future<Void> close() {
    Future<Void> pgClosed = pg == null ? Future.succeededFuture() : pg.close();
    if (redis != null) {
      redis.close();
    }
    return pgClosed;
  }

  private void ready(RoutingContext rc) {
    Future<Void> database = pg == null ? Future.failedFuture("not configured")
      : pg.query("SELECT 1").execute().<Void>mapEmpty().timeout(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    Future<Void> cache = redis == null ? Future.failedFuture("not configured")
      : redis.ping(List.of()).<Void>mapEmpty().timeout(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    Future.join(database, cache).onComplete(done -> {
      Map<String, String> checks = new LinkedHashMap<>();
      checks.put("postgresql", database.succeeded() ? UP : DOWN);
      checks.put("redis", cache.succeeded() ? UP : DOWN);
      boolean up = database.succeeded() && cache.succeeded();
      Replies.json(rc, up ? 200 : 503, Map.of("status", up ? UP : DOWN, "checks", checks, "instanceId", instanceId));
    });
  }
}
