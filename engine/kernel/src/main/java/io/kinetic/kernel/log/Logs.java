package io.kinetic.kernel.log;

import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/** Structured logging setup (java.util.logging, one JSON line per event on stderr). */
public final class Logs {

  /** Loggers whose level was set here: JUL holds loggers weakly, and a collected one forgets its level. */
  private static final List<Logger> KEPT = new CopyOnWriteArrayList<>();

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
    quiet("io.netty", Level.WARNING);
    quiet("org.flywaydb", Level.WARNING);
    quiet("com.hazelcast", Level.WARNING);
    // vertx-micrometer registers one gauge per connection under the same id and reads them
    // together; Micrometer warns about the second registration (vert-x3/vertx-micrometer-metrics#259)
    quiet("io.micrometer.core.instrument.MeterRegistry", Level.SEVERE);
  }

  /** Sets a logger's level and keeps the logger (see {@link #KEPT}). */
  private static void quiet(String name, Level level) {
    Logger logger = Logger.getLogger(name);
    logger.setLevel(level);
    KEPT.add(logger);
  }

}
