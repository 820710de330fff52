package io.kinetic.cart;

import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The Lua scripts that change the cart's Redis data ({@code classpath:cart/*.lua}, each the shared
 * {@code lib.lua} plus its own body). A script runs atomically in Redis, so a reservation can never
 * interleave with another, from any node. Sent by SHA ({@code EVALSHA}); after a Redis restart
 * forgot them, the script is sent whole once ({@code EVAL}) and cached by Redis again.
 */
final class CartScripts {

  enum Script {
    CREATE("create"), VIEW("view"), LINE("line"), REMOVE("remove"), SEEN("seen"), MERGE("merge"), RESTORE("restore"),
    SWEEP("sweep"), DIRTY("dirty"), PUBLISHED("published"), STOCK("stock"), RESET("reset"), REPUBLISH("republish"),
    RESET_PUBLISHED("reset-published"), ORDERED("ordered"),
    CLAIM("claim"), UNCLAIM("unclaim"), LIMIT("limit");

    final String source;
    final String sha;

    Script(String name) {
      this.source = read("lib") + "\n" + read(name);
      this.sha = sha1(source);
    }
  }

  private final RedisAPI redis;

  CartScripts(RedisAPI redis) {
    this.redis = redis;
  }

  Future<Response> run(Script script, List<String> argv) {
    var args = new ArrayList<String>(argv.size() + 2);
    args.add(script.sha);
    args.add("0");
    args.addAll(argv);
    return redis.evalsha(args).recover(t -> {
      if (t.getMessage() == null || !t.getMessage().startsWith("NOSCRIPT")) {
        return Future.failedFuture(t);
      }
      var full = new ArrayList<String>(args);
      full.set(0, script.source);
      return redis.eval(full);
    });
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

  private static String sha1(String source) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
