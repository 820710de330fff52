package io.kinetic.kernel.log;

import java.io.InputStream;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/** Structured logging setup (java.util.logging, one JSON line per event on stderr). */
public final class Logs {

  private Logs() {
  }

  /** Prefix that {@link JsonLogFormatter} turns into a {@code correlationId} field. */
  public static String withCorrelation(String correlationId, String message) {
    return correlationId == null ? message : "[cid=" + correlationId + "] " + message;
  }

  /** Routes all JUL logging (Vert.x, Netty, Flyway, the engine) through one JSON console handler. */
  public static void configure(Level level) {
    try (InputStream none = InputStream.nullInputStream()) {
      LogManager.getLogManager().readConfiguration(none);
    } catch (Exception ignored) {
      // an empty configuration cannot fail to read
    }
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
    var handler = new ConsoleHandler();
    handler.setFormatter(new JsonLogFormatter());
    handler.setLevel(Level.ALL);
    root.addHandler(handler);
    root.setLevel(level);
    Logger.getLogger("io.netty").setLevel(Level.WARNING);
    Logger.getLogger("org.flywaydb").setLevel(Level.WARNING);
    Logger.getLogger("com.hazelcast").setLevel(Level.WARNING);
  }
}
