package io.kinetic.kernel.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script run in Redis (atomically: nothing interleaves with it, from any node), sent by its
 * SHA-1 ({@code EVALSHA}) rather than whole on every call; when Redis does not know it (a restart,
 * {@code SCRIPT FLUSH}, another server behind the same URL) it is sent whole once ({@code EVAL}),
 * which caches it again.
 */
public final class RedisScript {

  private final String source;
  private final String sha;

  public RedisScript(String source) {
    this.source = source;
    this.sha = sha1(source);
  }

  public String source() {
    return source;
  }

  /** Runs the script with {@code keys} as KEYS and {@code args} as ARGV. */
  public Future<Response> run(RedisAPI redis, List<String> keys, List<String> args) {
    var call = new ArrayList<String>(keys.size() + args.size() + 2);
    call.add(sha);
    call.add(Integer.toString(keys.size()));
    call.addAll(keys);
    call.addAll(args);
    return redis.evalsha(call).recover(t -> {
      if (t.getMessage() == null || !t.getMessage().startsWith("NOSCRIPT")) {
        return Future.failedFuture(t);
      }
      var whole = new ArrayList<String>(call);
      whole.set(0, source);
      return redis.eval(whole);
    });
  }

  private static String sha1(String source) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
