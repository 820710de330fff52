package io.kinetic.identity;

import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.contract.identity.Realm;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.redis.RedisScript;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Login throttling in Redis, in three fixed windows of {@code auth.loginWindowSeconds} (each counter
 * expires that long after its first increment):
 * <ul>
 * <li>per e-mail and client address ({@code identity:login-fail-from:<realm>:<ip>/<email>}, limit
 * {@code auth.loginMaxFailures}): the small limit against guessing one account's password;</li>
 * <li>per client address over all e-mails ({@code identity:login-fail-ip:<ip>}, limit
 * {@code auth.loginMaxFailuresPerIp}): one address trying many accounts;</li>
 * <li>per e-mail over all addresses ({@code identity:login-fail:<realm>:<email>}, limit
 * {@code auth.loginMaxFailuresPerEmail}): a much higher global ceiling against guessing spread over
 * many addresses.</li>
 * </ul>
 * So one address guessing an account locks only itself out of it: the owner logging in from another
 * address gets in, unless failures from many addresses together reach the ceiling.
 * <p>
 * An attempt is checked and counted in one script, before the password is checked: when every
 * counter is below its limit, all of them count it; otherwise it is refused and counts nowhere (an
 * attacker's refused attempts do not fill the e-mail's ceiling for the owner). A successful login
 * gives its count back (the pair's counter is cleared), so what remains counts failures, and a
 * burst of parallel guesses gets no more than the limit.
 * Without a client address (internal callers) the pair counter uses an empty address and no
 * per-address counter is kept.
 */
final class LoginLimiter {

  static final String PAIR_KEY = "identity:login-fail-from:";
  static final String EMAIL_KEY = "identity:login-fail:";
  static final String IP_KEY = "identity:login-fail-ip:";

  /**
   * KEYS: the counters; ARGV[1]: the window in seconds, ARGV[1 + i]: the limit of KEYS[i]. Returns 0
   * when the attempt was counted, else the seconds until the latest window of the counters at their
   * limit ends (at least 1), counting nothing.
   */
  private static final RedisScript ACQUIRE = new RedisScript("""
    local wait = 0
    for i, key in ipairs(KEYS) do
      if tonumber(redis.call('GET', key) or '0') >= tonumber(ARGV[i + 1]) then
        local ttl = redis.call('TTL', key)
        if ttl < 0 then
          redis.call('EXPIRE', key, ARGV[1])
          ttl = tonumber(ARGV[1])
        end
        wait = math.max(wait, ttl, 1)
      end
    end
    if wait > 0 then return wait end
    for i, key in ipairs(KEYS) do
      redis.call('INCR', key)
      if redis.call('TTL', key) < 0 then redis.call('EXPIRE', key, ARGV[1]) end
    end
    return 0
    """);

  /** Clears KEYS[1] and takes one off each other counter still above 0. */
  private static final RedisScript RELEASE = new RedisScript("""
    redis.call('DEL', KEYS[1])
    for i = 2, #KEYS do
      local n = tonumber(redis.call('GET', KEYS[i]) or '0')
      if n > 0 then redis.call('DECR', KEYS[i]) end
    end
    return 0
    """);

  private final RedisAPI redis;
  private final long perPair;
  private final long perIp;
  private final long perEmail;
  private final long window;

  LoginLimiter(RedisAPI redis, AppConfig.Auth auth) {
    this.redis = redis;
    this.perPair = auth.loginMaxFailures();
    this.perIp = auth.loginMaxFailuresPerIp();
    this.perEmail = auth.loginMaxFailuresPerEmail();
    this.window = auth.loginWindowSeconds();
  }

  /**
   * Counts an attempt; fails {@code RATE_LIMITED} when the e-mail from this client, the client or
   * the e-mail is at its limit, with the seconds until the later of the offending windows ends.
   */
  Future<Void> acquire(Realm realm, String email, String clientIp) {
    List<String> keys = new ArrayList<>(List.of(pairKey(realm, email, clientIp), emailKey(realm, email)));
    List<String> limits = new ArrayList<>(List.of(Long.toString(window), Long.toString(perPair), Long.toString(perEmail)));
    if (hasAddress(clientIp)) {
      keys.add(ipKey(clientIp));
      limits.add(Long.toString(perIp));
    }
    return ACQUIRE.run(redis, keys, limits).compose(LoginLimiter::admit);
  }

  /** After a successful login: clears the failures of the e-mail from this client and takes the attempt off the other counts. */
  Future<Void> succeeded(Realm realm, String email, String clientIp) {
    List<String> keys = new ArrayList<>(List.of(pairKey(realm, email, clientIp), emailKey(realm, email)));
    if (hasAddress(clientIp)) {
      keys.add(ipKey(clientIp));
    }
    return RELEASE.run(redis, keys, List.of()).mapEmpty();
  }

  private static Future<Void> admit(Response reply) {
    long retryAfter = reply.toLong();
    return retryAfter > 0
      ? Future.failedFuture(Failure.rateLimited("too many failed logins, try again later", retryAfter))
      : Future.succeededFuture();
  }

  private static boolean hasAddress(String clientIp) {
    return clientIp != null && !clientIp.isBlank();
  }

  /** The address first: it holds no '/', so no e-mail can make another pair's key. */
  static String pairKey(Realm realm, String email, String clientIp) {
    return PAIR_KEY + realm.name().toLowerCase(Locale.ROOT) + ":" + (hasAddress(clientIp) ? clientIp.strip() : "") + "/" + email;
  }

  static String emailKey(Realm realm, String email) {
    return EMAIL_KEY + realm.name().toLowerCase(Locale.ROOT) + ":" + email;
  }

  static String ipKey(String clientIp) {
    return IP_KEY + clientIp.strip();
  }
}
