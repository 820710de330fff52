package io.kinetic.kernel.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.util.List;

/**
 * Fixed-window counters in Redis, the rate limits' count (identity's logins, registrations and
 * password resets, the cart's new guest carts): each increment is atomic (one script), and the
 * first one of a window sets its expiry, so a counter lives {@code windowSeconds} from its first
 * increment and then lapses (nobody is locked out for good). Shared by every node.
 */
public final class WindowCounter {

  /** A counter's value after the increment, and the seconds until its window ends (at least 1). */
  public record Count(long value, long secondsLeft) {
  }

  private static final RedisScript INCREMENT = new RedisScript("""
    local n = redis.call('INCR', KEYS[1])
    local ttl = redis.call('TTL', KEYS[1])
    if ttl < 0 then
      redis.call('EXPIRE', KEYS[1], ARGV[1])
      ttl = tonumber(ARGV[1])
    end
    return {n, ttl}
    """);

  private final RedisAPI redis;

  public WindowCounter(RedisAPI redis) {
    this.redis = redis;
  }

  /** Counts one more under {@code key}; a new window of {@code windowSeconds} starts with the first count. */
  public Future<Count> increment(String key, long windowSeconds) {
    return INCREMENT.run(redis, List.of(key), List.of(Long.toString(windowSeconds))).map(WindowCounter::count);
  }

  private static Count count(Response reply) {
    // TTL rounds down: in the window's last second it says 0, and a retry then is still too early
    return new Count(reply.get(0).toLong(), Math.max(1, reply.get(1).toLong()));
  }
}
