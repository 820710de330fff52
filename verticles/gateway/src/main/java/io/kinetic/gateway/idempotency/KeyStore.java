package io.kinetic.gateway.idempotency;

import io.kinetic.kernel.redis.RedisScript;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.util.List;

/**
 * The idempotency records in Redis, one string per caller and key ({@link Sealing#name}):
 * {@code P <fingerprint> <attempt>} while the first request runs, set with {@code SET NX PX
 * pendingMillis} so that exactly one request holds the key and a crashed one frees it when the
 * marker expires; then {@code D <fingerprint> <sealed answer>} for {@code ttlMillis}, or nothing
 * when the answer is not kept (the key is free again). Both moves are compare-and-set scripts: only
 * the attempt that holds the marker replaces or deletes it, so an attempt that outlived its marker
 * cannot overwrite another's answer.
 */
final class KeyStore {

  private static final RedisScript COMPLETE = new RedisScript("""
    if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 end return 0""");
  private static final RedisScript RELEASE = new RedisScript("""
    if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0""");

  /** A record as read: a marker ({@code done} false) or an answer, with the fingerprint of the request it is for. */
  record Entry(boolean done, String fingerprint, String payload) {

    static Entry parse(String value) {
      int first = value.indexOf(' ');
      int second = first < 0 ? -1 : value.indexOf(' ', first + 1);
      if (first != 1 || second < 0) {
        throw new IllegalStateException("not an idempotency record");
      }
      return new Entry(value.charAt(0) == 'D', value.substring(first + 1, second), value.substring(second + 1));
    }

    static String pending(String fingerprint, String attempt) {
      return "P " + fingerprint + " " + attempt;
    }

    static String done(String fingerprint, String sealed) {
      return "D " + fingerprint + " " + sealed;
    }
  }

  private final RedisAPI redis;
  private final long ttlMillis;
  private final long pendingMillis;

  KeyStore(RedisAPI redis, long ttlMillis, long pendingMillis) {
    this.redis = redis;
    this.ttlMillis = ttlMillis;
    this.pendingMillis = pendingMillis;
  }

  /** Sets the marker when the key is free: true when this attempt now holds the key. */
  Future<Boolean> begin(String name, String marker) {
    return redis.set(List.of(name, marker, "NX", "PX", Long.toString(pendingMillis))).map(reply -> reply != null);
  }

  /** The record, null when there is none. */
  Future<Entry> read(String name) {
    return redis.get(name).map(reply -> reply == null ? null : Entry.parse(reply.toString()));
  }

  /** Replaces the attempt's marker with its answer; false when the marker was no longer there (it expired). */
  Future<Boolean> complete(String name, String marker, String answer) {
    return COMPLETE.run(redis, List.of(name), List.of(marker, answer, Long.toString(ttlMillis))).map(KeyStore::one);
  }

  /** Frees the key the attempt holds, so that a retry runs the operation. */
  Future<Boolean> release(String name, String marker) {
    return RELEASE.run(redis, List.of(name), List.of(marker)).map(KeyStore::one);
  }

  void close() {
    redis.close();
  }

  private static boolean one(Response reply) {
    return reply != null && reply.toLong() == 1L;
  }
}
