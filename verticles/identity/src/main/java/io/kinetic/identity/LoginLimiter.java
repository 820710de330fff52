package io.kinetic.identity;

import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.contract.identity.Realm;
import io.kinetic.kernel.error.Failure;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import java.util.List;
import java.util.Locale;

/**
 * Login throttling in Redis, per e-mail ({@code identity:login-fail:<realm>:<email>}, limit
 * {@code auth.loginMaxFailures}) and per client IP ({@code identity:login-fail-ip:<ip>}, ten times
 * that), each counter expiring {@code auth.loginWindowSeconds} after its first increment.
 * <p>
 * Every attempt is counted before the password is checked, and a successful one gives its count
 * back (the e-mail counter is cleared): what remains counts failures, and a burst of parallel
 * guesses cannot get more than the limit checked while the counters lag behind.
 */
final class LoginLimiter {

  static final String EMAIL_KEY = "identity:login-fail:";
  static final String IP_KEY = "identity:login-fail-ip:";
  static final int IP_FACTOR = 10;

  private static final String RELEASE = """
    local n = tonumber(redis.call('GET', KEYS[1]) or '0')
    if n > 0 then return redis.call('DECR', KEYS[1]) end
    return 0
    """;

  private static final WindowCounter.Count NOT_COUNTED = new WindowCounter.Count(0, 0);

  private final RedisAPI redis;
  private final WindowCounter counter;
  private final long maxFailures;
  private final long window;

  LoginLimiter(RedisAPI redis, AppConfig.Auth auth) {
    this.redis = redis;
    this.counter = new WindowCounter(redis);
    this.maxFailures = auth.loginMaxFailures();
    this.window = auth.loginWindowSeconds();
  }

  /**
   * Counts an attempt; fails {@code RATE_LIMITED} when the e-mail or the client is over its limit,
   * with the seconds until the later of the offending windows ends.
   */
  Future<Void> acquire(Realm realm, String email, String clientIp) {
    Future<WindowCounter.Count> byEmail = counter.increment(emailKey(realm, email), window);
    Future<WindowCounter.Count> byIp = clientIp == null || clientIp.isBlank() ? Future.succeededFuture(NOT_COUNTED)
      : counter.increment(ipKey(clientIp), window);
    return Future.all(byEmail, byIp).compose(all -> {
      long retryAfter = 0;
      if (byEmail.result().value() > maxFailures) {
        retryAfter = byEmail.result().secondsLeft();
      }
      if (byIp.result().value() > maxFailures * IP_FACTOR) {
        retryAfter = Math.max(retryAfter, byIp.result().secondsLeft());
      }
      return retryAfter > 0
        ? Future.failedFuture(Failure.rateLimited("too many failed logins, try again later", retryAfter))
        : Future.succeededFuture();
    });
  }

  /** After a successful login: clears the e-mail's failures and takes the attempt off the client's count. */
  Future<Void> succeeded(Realm realm, String email, String clientIp) {
    Future<?> byEmail = redis.del(List.of(emailKey(realm, email)));
    Future<?> byIp = clientIp == null || clientIp.isBlank() ? Future.succeededFuture()
      : redis.eval(List.of(RELEASE, "1", ipKey(clientIp)));
    return Future.all(byEmail, byIp).mapEmpty();
  }

  static String emailKey(Realm realm, String email) {
    return EMAIL_KEY + realm.name().toLowerCase(Locale.ROOT) + ":" + email;
  }

  static String ipKey(String clientIp) {
    return IP_KEY + clientIp.strip();
  }
}
