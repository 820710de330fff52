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
    return RedisAPI.api(client(vertx, url, poolSize, user));
  }

  /**
   * As {@link #create}, but every command goes over one kept connection, pipelined
   * ({@link PipelinedRedis}): for a busy user of standalone commands such as the cart's scripts.
   */
  public static RedisAPI pipelined(Vertx vertx, String url, int poolSize, String user) {
    return RedisAPI.api(new PipelinedRedis(vertx, client(vertx, url, poolSize, user), "kinetic-redis-" + user));
  }

  private static Redis client(Vertx vertx, String url, int poolSize, String user) {
    var options = new RedisOptions()
      .setConnectionString(url)
      .setMetricsName("kinetic-redis-" + user)
      .setPoolName("kinetic-redis-" + user)
      .setMaxPoolSize(poolSize)
      .setMaxPoolWaiting(10_000)
      .setMaxWaitingHandlers(10_000);
    // with epoll, the kernel closes a socket whose data stays unacknowledged this long: the commands
    // in flight on a connection that went into a black hole fail (PipelinedRedis closes one that
    // answers nothing as long, but closing waits for what is queued to be written)
    options.getNetClientOptions().setTcpKeepAlive(true).setTcpUserTimeout((int) PipelinedRedis.STALL_MILLIS);
    return Redis.createClient(vertx, options);
  }
}
