package io.kinetic.kernel.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/** The default log format: every event as a JSON line in the log file; only warnings, as plain lines, for the terminal. */
@Isolated
class LogsTest {

  @AfterEach
  void back() {
    Logs.configure(Level.INFO);
  }

  @Test
  void textFormatWritesJsonLinesToTheFileAndPlainWarningsToTheTerminal(@TempDir Path dir) throws Exception {
    String file = Logs.configure(Level.INFO, Map.of("COMMERCE_LOG_DIR", dir.toString()));
    assertEquals(dir.resolve("kinetic-0.log").toString(), file);
    Logger log = Logger.getLogger("io.kinetic.test.LogsTest");
    log.info("[cid=abc] an info line");
    log.warning("a warning line");
    Handler[] handlers = Logger.getLogger("").getHandlers();
    for (Handler h : handlers) {
      h.flush();
    }
    List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
    JsonObject info = new JsonObject(lines.stream().filter(l -> l.contains("an info line")).findFirst().orElseThrow());
    assertEquals("INFO", info.getString("level"));
    assertEquals("abc", info.getString("correlationId"));
    assertTrue(lines.stream().anyMatch(l -> l.contains("a warning line")));
    var console = java.util.Arrays.stream(handlers).filter(h -> h instanceof java.util.logging.ConsoleHandler).findFirst().orElseThrow();
    assertEquals(Level.WARNING, console.getLevel(), "the terminal shows warnings and errors only");
    var record = new java.util.logging.LogRecord(Level.WARNING, "[cid=x] disk is slow");
    assertEquals("[kinetic] warning: disk is slow" + System.lineSeparator(), console.getFormatter().format(record));
  }

  @Test
  void jsonFormatWritesNoFile(@TempDir Path dir) {
    assertEquals("stdout", Logs.configure(Level.INFO, Map.of("COMMERCE_LOG_FORMAT", "json", "COMMERCE_LOG_DIR", dir.toString())));
    assertTrue(dir.toFile().list().length == 0, "no log file");
  }
}
