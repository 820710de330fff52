package io.kinetic.bench;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
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
 * Usage: {@code Report [--meta key=value ...] scenario=FILE ...} where FILE holds a LoadGenerator's
 * stdout (its last JSON line is used). Prints a table, the target ratios and warm-up
 * warnings, then as the last line one JSON object: {@code run} (the meta values: command, date,
 * machine, ...), {@code scenarios} (each with rps, p50_ms, p99_ms, errors, ratio = rps / baseline
 * rps or null, steady_after_s, warmup_s, and reads/writes for the mixed scenario) and {@code targets}.
 * A scenario whose file holds no result is reported with null numbers and "failed":true, exit 3.
 */
public final class Report {

  /** The issues' targets: {name, scenario, reference scenario, minimum ratio[, maximum p99 in ms]}. */
  static final List<String[]> TARGETS = List.of(
      new String[] {"filtered_list_vs_baseline", "filtered_list", "baseline", "0.5"},
      new String[] {"graphql_vs_rest_by_slug", "product_by_slug_graphql", "product_by_slug", "0.6"},
      new String[] {"add_to_cart_vs_baseline", "add_to_cart", "baseline", "0.5"},
      new String[] {"search_vs_baseline", "search", "baseline", "0.2"},
      new String[] {"search_live_vs_baseline", "search_live", "baseline", "0.2"},
      new String[] {"autocomplete_vs_baseline", "autocomplete", "baseline", "0.3", "20"},
      new String[] {"recommendations_vs_baseline", "recommendations", "baseline", "0.5", "10"});

  /** The absolute targets: {name, scenario, minimum rps} (checkout: orders per second; events: events per second). */
  static final List<String[]> ABSOLUTE_TARGETS = List.<String[]>of(
      new String[] {"checkout_orders_per_s", "checkout", "1000"},
      new String[] {"events_per_s", "events", "20000"});

  /** The latency targets: {name, scenario, maximum p99 in ms}. */
  static final List<String[]> LATENCY_TARGETS = List.<String[]>of(
      new String[] {"dashboard_p99_ms", "dashboard", "50"});

  private Report() {
  }

  public static void main(String[] argv) {
    JsonObject run = new JsonObject();
    Map<String, JsonObject> results = new LinkedHashMap<>();
    for (int i = 0; i < argv.length; i++) {
      String arg = argv[i];
      boolean meta = arg.equals("--meta") && i + 1 < argv.length;
      String pair = meta ? argv[++i] : arg;
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        System.err.println("usage: Report [--meta key=value ...] scenario=FILE [scenario=FILE ...]; got " + arg);
        System.exit(2);
      }
      if (meta) {
        run.put(pair.substring(0, eq), pair.substring(eq + 1));
      } else {
        results.put(pair.substring(0, eq), lastJsonLine(Path.of(pair.substring(eq + 1))));
      }
    }
    if (results.isEmpty()) {
      System.err.println("usage: Report [--meta key=value ...] scenario=FILE [scenario=FILE ...]");
      System.exit(2);
    }
    JsonObject scenarios = compose(results);
    JsonObject targets = targets(scenarios);
    table(scenarios).forEach(System.out::println);
    notes(scenarios, targets).forEach(System.out::println);
    System.out.println(new JsonObject().put("run", run).put("scenarios", scenarios).put("targets", targets).encode());
    System.out.flush();
    System.exit(scenarios.stream().anyMatch(e -> ((JsonObject) e.getValue()).containsKey("failed")) ? 3 : 0);
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
      JsonObject row = numbers(result).put("ratio", ratio);
      JsonArray timeline = result.getJsonArray("timeline");
      if (timeline != null) {
        List<Long> seconds = new ArrayList<>();
        timeline.forEach(v -> seconds.add(((Number) v).longValue()));
        int steady = SteadyState.after(seconds);
        row.put("steady_after_s", steady < 0 ? null : steady).put("warmup_s", result.getInteger("warmup_s"));
      }
      if (result.getJsonObject("http") != null) {
        row.put("unit", result.getString("unit")).put("http", numbers(result.getJsonObject("http")));
      }
      if (result.getJsonObject("backlog") != null) {
        row.put("backlog", result.getJsonObject("backlog"));
      }
      if (result.getJsonObject("cpu") != null) {
        row.put("cpu", result.getJsonObject("cpu"));
      }
      for (String group : List.of("reads", "writes")) {
        if (result.getJsonObject(group) != null) {
          row.put(group, numbers(result.getJsonObject(group)));
        }
      }
      report.put(name, row);
    });
    return report;
  }

  private static JsonObject numbers(JsonObject result) {
    return new JsonObject().put("rps", result.getDouble("rps")).put("p50_ms", result.getDouble("p50_ms"))
        .put("p99_ms", result.getDouble("p99_ms")).put("errors", result.getLong("errors"));
  }

  /**
   * Each target's ratio in this run (null when a side is missing or failed), the errors of both sides,
   * and whether it is met: ratio at least the minimum and no errors on either side (a scenario with
   * errors is not comparable).
   */
  static JsonObject targets(JsonObject scenarios) {
    JsonObject out = new JsonObject();
    for (String[] target : TARGETS) {
      JsonObject scenario = scenarios.getJsonObject(target[1]);
      JsonObject reference = scenarios.getJsonObject(target[2]);
      Double ratio = rpsRatio(scenario, reference);
      double minimum = Double.parseDouble(target[3]);
      long errors = ratio == null ? 0 : errors(scenario) + errors(reference);
      JsonObject row = new JsonObject().put("scenario", target[1]).put("reference", target[2]).put("ratio", ratio)
          .put("minimum", minimum).put("errors", ratio == null ? null : errors);
      boolean fastEnough = true;
      if (target.length > 4) {
        double maxP99 = Double.parseDouble(target[4]);
        Double p99 = scenario == null ? null : scenario.getDouble("p99_ms");
        row.put("p99_ms", p99).put("max_p99_ms", maxP99);
        fastEnough = p99 != null && p99 < maxP99;
      }
      out.put(target[0], row.put("met", ratio == null ? null : ratio >= minimum && errors == 0 && fastEnough));
    }
    for (String[] target : ABSOLUTE_TARGETS) {
      JsonObject scenario = scenarios.getJsonObject(target[1]);
      Double rps = scenario == null ? null : scenario.getDouble("rps");
      double minimum = Double.parseDouble(target[2]);
      Long errors = rps == null ? null : errors(scenario);
      out.put(target[0], new JsonObject().put("scenario", target[1]).put("rps", rps).put("minimum", minimum)
          .put("errors", errors).put("met", rps == null ? null : rps >= minimum && errors == 0));
    }
    for (String[] target : LATENCY_TARGETS) {
      JsonObject scenario = scenarios.getJsonObject(target[1]);
      Double p99 = scenario == null ? null : scenario.getDouble("p99_ms");
      double maximum = Double.parseDouble(target[2]);
      Long errors = p99 == null ? null : errors(scenario);
      out.put(target[0], new JsonObject().put("scenario", target[1]).put("p99_ms", p99).put("maximum_p99_ms", maximum)
          .put("errors", errors).put("met", p99 == null ? null : p99 <= maximum && errors == 0));
    }
    return out;
  }

  private static long errors(JsonObject scenario) {
    Long errors = scenario.getLong("errors");
    return errors == null ? 0 : errors;
  }

  private static Double rpsRatio(JsonObject scenario, JsonObject reference) {
    if (scenario == null || reference == null || scenario.getDouble("rps") == null || reference.getDouble("rps") == null
        || reference.getDouble("rps") <= 0) {
      return null;
    }
    return Result.round(scenario.getDouble("rps") / reference.getDouble("rps"), 3);
  }

  static List<String> table(JsonObject report) {
    List<String> lines = new ArrayList<>();
    String format = "%-26s %11s %9s %9s %8s %7s %9s";
    lines.add(String.format(Locale.ROOT, format, "scenario", "rps", "p50 ms", "p99 ms", "errors", "ratio", "steady s"));
    report.forEach(e -> {
      JsonObject r = (JsonObject) e.getValue();
      lines.add(String.format(Locale.ROOT, format, e.getKey(),
          cell(r.getValue("rps"), "%.1f"), cell(r.getValue("p50_ms"), "%.3f"), cell(r.getValue("p99_ms"), "%.3f"),
          r.containsKey("failed") ? "FAILED" : cell(r.getValue("errors"), "%d"), cell(r.getValue("ratio"), "%.3f"),
          cell(r.getValue("steady_after_s"), "%d")));
      for (String group : List.of("reads", "writes", "http")) {
        JsonObject g = r.getJsonObject(group);
        if (g != null) {
          lines.add(String.format(Locale.ROOT, format, "  " + e.getKey() + " " + group, cell(g.getValue("rps"), "%.1f"),
              cell(g.getValue("p50_ms"), "%.3f"), cell(g.getValue("p99_ms"), "%.3f"), cell(g.getValue("errors"), "%d"), "", ""));
        }
      }
    });
    return lines;
  }

  /** The target ratios, and a warning for each scenario that was not steady before its window opened. */
  static List<String> notes(JsonObject scenarios, JsonObject targets) {
    List<String> lines = new ArrayList<>();
    targets.forEach(e -> {
      JsonObject t = (JsonObject) e.getValue();
      Long errors = t.getLong("errors");
      if (t.containsKey("maximum_p99_ms")) {
        lines.add(String.format(Locale.ROOT, "target %s: %s p99 = %s ms (at most %.0f ms%s: %s)", e.getKey(), t.getString("scenario"),
            cell(t.getValue("p99_ms"), "%.3f"), t.getDouble("maximum_p99_ms"),
            errors == null || errors == 0 ? ", 0 errors" : ", but " + errors + " errors",
            t.getValue("met") == null ? "not measured" : t.getBoolean("met") ? "met" : "MISSED"));
        return;
      }
      if (!t.containsKey("reference")) {
        lines.add(String.format(Locale.ROOT, "target %s: %s = %s per second (at least %.0f%s: %s)", e.getKey(), t.getString("scenario"),
            cell(t.getValue("rps"), "%.1f"), t.getDouble("minimum"),
            errors == null || errors == 0 ? ", 0 errors" : ", but " + errors + " errors",
            t.getValue("met") == null ? "not measured" : t.getBoolean("met") ? "met" : "MISSED"));
        return;
      }
      String latency = !t.containsKey("max_p99_ms") ? ""
          : String.format(Locale.ROOT, ", p99 %s ms under %.0f ms", cell(t.getValue("p99_ms"), "%.3f"), t.getDouble("max_p99_ms"));
      lines.add(String.format(Locale.ROOT, "target %s: %s / %s = %s (at least %.2f%s%s: %s)", e.getKey(), t.getString("scenario"),
          t.getString("reference"), cell(t.getValue("ratio"), "%.3f"), t.getDouble("minimum"), latency,
          errors == null || errors == 0 ? ", 0 errors" : ", but " + errors + " errors",
          t.getValue("met") == null ? "not measured" : t.getBoolean("met") ? "met" : "MISSED"));
    });
    scenarios.forEach(e -> {
      JsonObject cpu = ((JsonObject) e.getValue()).getJsonObject("cpu");
      if (cpu != null) {
        lines.add("cpu " + CpuShare.humanLine(e.getKey(), cpu));
      }
    });
    scenarios.forEach(e -> {
      JsonObject r = (JsonObject) e.getValue();
      Integer steady = r.getInteger("steady_after_s");
      Integer warmup = r.getInteger("warmup_s");
      if (steady != null && warmup != null && steady > warmup) {
        lines.add(String.format(Locale.ROOT, "warning: %s reached its steady throughput after %d s, its warm-up was %d s:"
            + " its figures include the warm-up; run again with --warmup %ds or more", e.getKey(), steady, warmup, steady));
      }
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
