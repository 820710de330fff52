package io.kinetic.kernel.id;

import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A random id for one running engine (one Vert.x instance), made on first use and the same for
 * every verticle of that Vert.x. The engine writes it to {@code runtime.json} and the gateway
 * answers it in {@code /health/live} and {@code /health/ready}, so a script can tell that the
 * process answering on a port is the one it started (and not another engine on the machine).
 */
public final class InstanceId {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String MAP = "kinetic.engine";
  private static final String KEY = "instanceId";

  private InstanceId() {
  }

  /** The id of this Vert.x instance: 16 random bytes in lowercase hex. */
  public static String of(Vertx vertx) {
    return (String) vertx.sharedData().getLocalMap(MAP).computeIfAbsent(KEY, key -> generate());
  }

  private static String generate() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
