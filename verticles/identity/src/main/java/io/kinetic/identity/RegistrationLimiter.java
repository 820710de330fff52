package io.kinetic.identity;

import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.redis.WindowCounter;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;

/**
 * Registrations per client IP ({@code identity:register-ip:<ip>}): at most {@code
 * auth.registerMaxPerIp} in {@code auth.registerWindowSeconds} from the first one. Every attempt
 * that gets as far as hashing a password counts, successful or not (an e-mail already taken
 * included), so the limit bounds both account spam and the hashing work a client can cause.
 * Requests without a client address (internal callers) are not limited.
 */
final class RegistrationLimiter {

  static final String IP_KEY = "identity:register-ip:";

  private final WindowCounter counter;
  private final long max;
  private final long window;

  RegistrationLimiter(RedisAPI redis, AppConfig.Auth auth) {
    this.counter = new WindowCounter(redis);
    this.max = auth.registerMaxPerIp();
    this.window = auth.registerWindowSeconds();
  }

  /** Counts an attempt; fails {@code RATE_LIMITED} (with the seconds left in the window) over the limit. */
  Future<Void> acquire(String clientIp) {
    if (clientIp == null || clientIp.isBlank()) {
      return Future.succeededFuture();
    }
    return counter.increment(IP_KEY + clientIp.strip(), window).compose(count -> count.value() > max
      ? Future.failedFuture(Failure.rateLimited("too many registrations from this address, try again later", count.secondsLeft()))
      : Future.succeededFuture());
  }
}
