package io.kinetic.bench;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Usage: Report scenario=FILE ... where FILE holds a LoadGenerator's stdout (its last JSON line is
 * used). Prints a table, then as the last line one JSON object keyed by scenario, each with
 * rps, p50_ms, p99_ms, errors and ratio = rps / baseline rps (null without a baseline run).
 * A scenario whose file holds no result is reported with null numbers and "failed":true, exit 3.
 */
public final class Report {

  private Report() {
  }

  public static void main(String[] argv) {
    if (argv.length == 0) {
      System.err.println("usage: Report scenario=FILE [scenario=FILE ...]");
      System.exit(2);
    }
    Map<String, JsonObject> results = new LinkedHashMap<>();
    for (String arg : argv) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        System.err.println("expected scenario=FILE, got " + arg);
        System.exit(2);
      }
      results.put(arg.substring(0, eq), lastJsonLine(Path.of(arg.substring(eq + 1))));
    }
    JsonObject report = compose(results);
    List<String> table = table(report);
    table.forEach(System.out::println);
    System.out.println(report.encode());
    System.out.flush();
    System.exit(report.stream().anyMatch(e -> ((JsonObject) e.getValue()).containsKey("failed")) ? 3 : 0);
  }

  static JsonObject compose(Map<String, JsonObject> results) {
    JsonObject baseline = results.get("baseline");
    Double baselineRps = baseline == null ? null : baseline.getDouble("rps");
    JsonObject report = new JsonObject();
    results.forEach((name, result) -> {
      if (result == null) {
        report.put(name, new JsonObject().putNull("rps").putNull("p50_ms").putNull("p99_ms").putNull("errors")
            .putNull("ratio").put("failed", true));
        return;
      }
      double rps = result.getDouble("rps");
      Double ratio = baselineRps == null || baselineRps <= 0 ? null : Result.round(rps / baselineRps, 3);
      report.put(name, new JsonObject()
          .put("rps", rps)
          .put("p50_ms", result.getDouble("p50_ms"))
          .put("p99_ms", result.getDouble("p99_ms"))
          .put("errors", result.getLong("errors"))
          .put("ratio", ratio));
    });
    return report;
  }

  static List<String> table(JsonObject report) {
    List<String> lines = new ArrayList<>();
    String format = "%-26s %11s %9s %9s %8s %7s";
    lines.add(String.format(Locale.ROOT, format, "scenario", "rps", "p50 ms", "p99 ms", "errors", "ratio"));
    report.forEach(e -> {
      JsonObject r = (JsonObject) e.getValue();
      lines.add(String.format(Locale.ROOT, format, e.getKey(),
          cell(r.getValue("rps"), "%.1f"), cell(r.getValue("p50_ms"), "%.3f"), cell(r.getValue("p99_ms"), "%.3f"),
          r.containsKey("failed") ? "FAILED" : cell(r.getValue("errors"), "%d"), cell(r.getValue("ratio"), "%.3f")));
    });
    return lines;
  }

  private static String cell(Object value, String format) {
    return value == null ? "-" : String.format(Locale.ROOT, format, value);
  }

  /** The last line of the file that parses as a JSON object with an "rps" field, or null. */
  static JsonObject lastJsonLine(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
    for (int i = lines.size() - 1; i >= 0; i--) {
      String line = lines.get(i).strip();
      if (line.startsWith("{")) {
        try {
          JsonObject json = new JsonObject(line);
          if (json.getValue("rps") instanceof Number) {
            return json;
          }
        } catch (DecodeException ignored) {
          // not a result line
        }
      }
    }
    return null;
  }
}
