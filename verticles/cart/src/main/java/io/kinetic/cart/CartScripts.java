package io.kinetic.cart;

import io.kinetic.kernel.redis.RedisScript;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The Lua scripts that change the cart's Redis data ({@code classpath:cart/*.lua}, each the shared
 * {@code lib.lua} plus its own body). A script runs atomically in Redis, so a reservation can never
 * interleave with another, from any node. Sent by SHA (the kernel's {@link RedisScript}).
 */
final class CartScripts {

  enum Script {
    CREATE("create"), VIEW("view"), LINE("line"), REMOVE("remove"), SEEN("seen"), MERGE("merge"), RESTORE("restore"),
    SWEEP("sweep"), DIRTY("dirty"), PUBLISHED("published"), STOCK("stock"), RESET("reset"), REPUBLISH("republish"),
    RESET_PUBLISHED("reset-published"), ORDERED("ordered"),
    CLAIM("claim"), UNCLAIM("unclaim");

    final RedisScript script;

    Script(String name) {
      this.script = new RedisScript(read("lib") + "\n" + read(name));
    }
  }

  private final RedisAPI redis;

  CartScripts(RedisAPI redis) {
    this.redis = redis;
  }

  /** The client the scripts run on (for the kernel's Redis helpers). */
  RedisAPI redis() {
    return redis;
  }

  Future<Response> run(Script script, List<String> argv) {
    return script.script.run(redis, List.of(), argv);
  }

  private static String read(String name) {
    try (InputStream in = CartScripts.class.getResourceAsStream("/cart/" + name + ".lua")) {
      if (in == null) {
        throw new IllegalStateException("missing script cart/" + name + ".lua");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
