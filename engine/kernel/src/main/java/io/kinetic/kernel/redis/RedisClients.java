package io.kinetic.kernel.redis;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;

/** Redis clients from a {@code redis://host:port} URL. Keys follow {@code <context>:<entity>:<id>}. */
public final class RedisClients {

  private RedisClients() {
  }

  public static RedisAPI create(Vertx vertx, String url, int poolSize) {
    var options = new RedisOptions()
      .setConnectionString(url)
      .setMaxPoolSize(poolSize)
      .setMaxPoolWaiting(10_000)
      .setMaxWaitingHandlers(10_000);
    return RedisAPI.api(Redis.createClient(vertx, options));
  }
}
