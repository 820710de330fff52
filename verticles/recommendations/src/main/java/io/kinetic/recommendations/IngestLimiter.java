package io.kinetic.recommendations;

import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.redis.RedisScript;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.util.List;

/**
 * Event batches per storefront session ({@code recommendations:events-session:<id>}) and per client
 * address ({@code recommendations:events-ip:<ip>}), in one-minute fixed windows counted in Redis
 * (shared by every node): over either limit a batch fails {@code RATE_LIMITED} with the seconds
 * left in the window. Internal callers (no address) are not limited.
 */
final class IngestLimiter {

  static final String SESSION_KEY = "recommendations:events-session:";
  static final String IP_KEY = "recommendations:events-ip:";
  private static final long WINDOW_SECONDS = 60;

  /** Both counters in one round trip; the first increment of a window sets its expiry. */
  private static final RedisScript INCREMENT = new RedisScript("""
    local out = {}
    for i, key in ipairs(KEYS) do
      local n = redis.call('INCR', key)
      local ttl = redis.call('TTL', key)
      if ttl < 0 then
        redis.call('EXPIRE', key, ARGV[1])
        ttl = tonumber(ARGV[1])
      end
      out[#out + 1] = n
      out[#out + 1] = ttl
    end
    return out
    """);

  private final RedisAPI redis;
  private final int perSession;
  private final int perIp;

  IngestLimiter(RedisAPI redis, int perSession, int perIp) {
    this.redis = redis;
    this.perSession = perSession;
    this.perIp = perIp;
  }

  Future<Void> acquire(String sessionId, String clientIp) {
    if (clientIp == null || clientIp.isBlank()) {
      return Future.succeededFuture();
    }
    return INCREMENT.run(redis, List.of(SESSION_KEY + sessionId, IP_KEY + clientIp.strip()), List.of(Long.toString(WINDOW_SECONDS)))
      .compose(this::check);
  }

  private Future<Void> check(Response reply) {
    long session = reply.get(0).toLong();
    long ip = reply.get(2).toLong();
    if (session > perSession || ip > perIp) {
      long retry = Math.max(1, session > perSession ? reply.get(1).toLong() : reply.get(3).toLong());
      return Future.failedFuture(Failure.rateLimited("too many event batches, try again later", retry));
    }
    return Future.succeededFuture();
  }
}
