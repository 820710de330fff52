package io.kinetic.kernel.log;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Structured logging setup (java.util.logging). {@code COMMERCE_LOG_FORMAT}: {@code text} (the
 * default) writes one JSON line per event to {@code kinetic-0.log} in {@code COMMERCE_LOG_DIR}
 * (default {@code <data dir>/logs}, rotated at 10 MB, 5 files) and only warnings and errors, as plain
 * lines, to the terminal; {@code json} writes the JSON lines to stdout (for containers and log
 * collectors) and no file.
 */
public final class Logs {

  /** Loggers whose level was set here: JUL holds loggers weakly, and a collected one forgets its level. */
  private static final List<Logger> KEPT = new CopyOnWriteArrayList<>();

  private Logs() {
  }

  /** Prefix that {@link JsonLogFormatter} turns into a {@code correlationId} field. */
  public static String withCorrelation(String correlationId, String message) {
    return correlationId == null ? message : "[cid=" + correlationId + "] " + message;
  }

  /** JSON lines on stderr (tests, tools). */
  public static void configure(Level level) {
    reset(level);
    var handler = new ConsoleHandler();
    handler.setFormatter(new JsonLogFormatter());
    handler.setLevel(Level.ALL);
    Logger.getLogger("").addHandler(handler);
  }

  /**
   * Routes all JUL logging (Vert.x, Netty, Flyway, the engine) as {@code COMMERCE_LOG_FORMAT} says
   * (see the class comment). Answers where the JSON lines go, for the start's progress lines.
   */
  public static String configure(Level level, Map<String, String> env) {
    String format = env.getOrDefault("COMMERCE_LOG_FORMAT", "text").strip().toLowerCase(Locale.ROOT);
    if (format.equals("json")) {
      reset(level);
      var handler = new StreamHandler(new PrintStream(new FileOutputStreamGuard(System.out), true), new JsonLogFormatter()) {
        @Override
        public synchronized void publish(java.util.logging.LogRecord record) {
          super.publish(record);
          flush();
        }
      };
      handler.setLevel(Level.ALL);
      Logger.getLogger("").addHandler(handler);
      return "stdout";
    }
    String dataDir = env.getOrDefault("COMMERCE_EMBEDDED_DATA_DIR", "data");
    Path dir = Path.of(env.getOrDefault("COMMERCE_LOG_DIR", Path.of(dataDir, "logs").toString()));
    reset(level);
    Logger root = Logger.getLogger("");
    String file;
    try {
      Files.createDirectories(dir);
      // kinetic-0.log is the newest; at 10 MB it becomes kinetic-1.log, and so on up to 5 files
      var json = new FileHandler(dir.toAbsolutePath().toString().replace("%", "%%") + "/kinetic-%g.log", 10 * 1024 * 1024, 5, true);
      json.setFormatter(new JsonLogFormatter());
      json.setLevel(Level.ALL);
      json.setEncoding("UTF-8");
      root.addHandler(json);
      file = dir.resolve("kinetic-0.log").toString();
    } catch (IOException | SecurityException e) {
      file = "(none: " + e.getMessage() + ")";
      var fallback = new ConsoleHandler();
      fallback.setFormatter(new JsonLogFormatter());
      fallback.setLevel(Level.ALL);
      root.addHandler(fallback);
      return file;
    }
    var console = new ConsoleHandler();
    console.setFormatter(new TextLogFormatter(file));
    console.setLevel(Level.WARNING);
    try {
      console.setEncoding("UTF-8");
    } catch (java.io.UnsupportedEncodingException ignored) {
      // UTF-8 is always there
    }
    root.addHandler(console);
    return file;
  }

  /** System.out without its close: a handler closed at shutdown must not close the process's stdout. */
  private static final class FileOutputStreamGuard extends java.io.FilterOutputStream {
    FileOutputStreamGuard(OutputStream out) {
      super(out);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }

  private static void reset(Level level) {
    try (InputStream none = InputStream.nullInputStream()) {
      LogManager.getLogManager().readConfiguration(none);
    } catch (Exception ignored) {
      // an empty configuration cannot fail to read
    }
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
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
