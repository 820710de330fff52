package io.kinetic.server;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An engine in a child JVM ({@code java -cp <test class path> io.kinetic.server.Main}), so that a
 * test can kill it with SIGKILL. Its output goes to {@code engine.log} in its data directory; its
 * HTTP port is read from the {@code runtime.json} it writes once started.
 */
final class EngineProcess implements AutoCloseable {

  private final Process process;
  private final Path dataDir;
  private final Path log;
  private int httpPort;

  private EngineProcess(Process process, Path dataDir, Path log) {
    this.process = process;
    this.dataDir = dataDir;
    this.log = log;
  }

  /** Starts the engine with {@code env} (its {@code COMMERCE_EMBEDDED_DATA_DIR} must be set) and the given JVM properties. */
  static EngineProcess start(Map<String, String> env, Map<String, String> systemProperties) throws IOException {
    Path dataDir = Path.of(env.get("COMMERCE_EMBEDDED_DATA_DIR"));
    Files.createDirectories(dataDir);
    Path log = dataDir.resolve("engine.log");
    var command = new ArrayList<String>(List.of(javaBinary(), "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", classPath()));
    systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add(Main.class.getName());
    var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("COMMERCE_"));
    builder.environment().put("COMMERCE_LOG_FORMAT", "json"); // every log line in engine.log, for the tests to read
    builder.environment().putAll(env);
    return new EngineProcess(builder.start(), dataDir, log);
  }

  /** Waits until the engine answers {@code /health/ready}; fails with the tail of its log when it died or took too long. */
  EngineProcess awaitReady(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Path runtime = dataDir.resolve("runtime.json");
    HttpClient http = HttpClient.newHttpClient();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the engine exited with " + process.exitValue() + ":\n" + logTail());
      }
      if (httpPort == 0 && Files.exists(runtime)) {
        try {
          httpPort = new JsonObject(Files.readString(runtime)).getInteger("httpPort");
        } catch (RuntimeException partlyWritten) {
          httpPort = 0;
        }
      }
      if (httpPort > 0) {
        try {
          var ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health/ready"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
          if (ready.statusCode() == 200) {
            return this;
          }
        } catch (IOException notYet) {
          // listening soon
        }
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the engine was not ready in " + timeout + ":\n" + logTail());
  }

  int httpPort() {
    return httpPort;
  }

  String log() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  /** SIGKILL: no shutdown hook runs, sockets are left to the kernel. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  /** SIGTERM, then SIGKILL after 15 s. */
  /** The exit status of the process, once it has ended (after {@link #close} or {@link #kill}). */
  int exitStatus() {
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Surefire's test class path (the JVM's own class path is only its booter jar). */
  private static String classPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
  }
}
