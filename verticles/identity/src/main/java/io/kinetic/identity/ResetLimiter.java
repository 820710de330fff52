package io.kinetic.identity;

import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.redis.WindowCounter;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;

/**
 * Password-reset throttling in Redis: requests per e-mail ({@code identity:reset-email:<email>},
 * {@code auth.resetMaxPerWindow}) and per client IP ({@code identity:reset-ip:<ip>}, ten times that),
 * and reset attempts with a token per client IP ({@code identity:reset-try-ip:<ip>}, ten times that),
 * each in {@code auth.resetWindowSeconds}. Requests count whether or not the account exists, so the
 * limit tells nothing about accounts; it bounds the mails one address can be sent.
 */
final class ResetLimiter {

  static final String EMAIL_KEY = "identity:reset-email:";
  static final String IP_KEY = "identity:reset-ip:";
  static final String TRY_IP_KEY = "identity:reset-try-ip:";
  static final int IP_FACTOR = 10;

  private final WindowCounter counter;
  private final long max;
  private final long window;

  ResetLimiter(RedisAPI redis, AppConfig.Auth auth) {
    this.counter = new WindowCounter(redis);
    this.max = auth.resetMaxPerWindow();
    this.window = auth.resetWindowSeconds();
  }

  /** Counts a request; fails {@code RATE_LIMITED} over either limit. */
  Future<Void> request(String email, String clientIp) {
    return counted(EMAIL_KEY + email, max).compose(v -> clientIp == null || clientIp.isBlank()
      ? Future.succeededFuture() : counted(IP_KEY + clientIp.strip(), max * IP_FACTOR));
  }

  /** Counts an attempt to reset with a token; fails {@code RATE_LIMITED} over the limit. */
  Future<Void> attempt(String clientIp) {
    return clientIp == null || clientIp.isBlank() ? Future.succeededFuture() : counted(TRY_IP_KEY + clientIp.strip(), max * IP_FACTOR);
  }

  private Future<Void> counted(String key, long limit) {
    return counter.increment(key, window).compose(count -> count.value() > limit
      ? Future.failedFuture(Failure.rateLimited("too many password-reset requests, try again later", count.secondsLeft()))
      : Future.succeededFuture());
  }
}
