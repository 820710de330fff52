package io.kinetic.kernel.redis;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;

/** Redis clients from a {@code redis://host:port} URL. Keys follow {@code <context>:<entity>:<id>}. */
public final class RedisClients {

  private RedisClients() {
  }

  /** A client for {@code user} (a context, or the health check), measured as {@code kinetic-redis-<user>}. */
  public static RedisAPI create(Vertx vertx, String url, int poolSize, String user) {
    var options = new RedisOptions()
      .setConnectionString(url)
      .setMetricsName("kinetic-redis-" + user)
      .setPoolName("kinetic-redis-" + user)
      .setMaxPoolSize(poolSize)
      .setMaxPoolWaiting(10_000)
      .setMaxWaitingHandlers(10_000);
    return RedisAPI.api(Redis.createClient(vertx, options));
  }
}
