package io.kinetic.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

  @TempDir
  Path dir;

  @Test
  void ratioIsRpsOverBaselineRps() throws Exception {
    Path baseline = dir.resolve("baseline.out");
    Files.writeString(baseline, "baseline: 1000 req/s\n" + result("baseline", 1000, 0, null).toJson().encode() + "\n");
    Path byId = dir.resolve("product_by_id.out");
    Files.writeString(byId, result("product_by_id", 750, 3, null).toJson().encode());
    Map<String, JsonObject> results = new LinkedHashMap<>();
    results.put("baseline", Report.lastJsonLine(baseline));
    results.put("product_by_id", Report.lastJsonLine(byId));
    results.put("product_list", Report.lastJsonLine(dir.resolve("missing.out")));

    JsonObject report = Report.compose(results);

    assertEquals(1.0, report.getJsonObject("baseline").getDouble("ratio"));
    assertEquals(0.75, report.getJsonObject("product_by_id").getDouble("ratio"));
    assertEquals(3L, report.getJsonObject("product_by_id").getLong("errors"));
    assertTrue(report.getJsonObject("product_list").getBoolean("failed"));
    assertNull(report.getJsonObject("product_list").getValue("rps"));
    assertEquals(4, Report.table(report).size());
  }

  @Test
  void ratioIsNullWithoutBaseline() {
    JsonObject report = Report.compose(Map.of("product_by_id", new JsonObject().put("rps", 10.0)
        .put("p50_ms", 1.0).put("p99_ms", 2.0).put("errors", 0)));
    assertNull(report.getJsonObject("product_by_id").getValue("ratio"));
  }

  @Test
  void theMixedScenarioReportsReadsAndWritesApart() {
    var reads = new Result.Stats(950, 2, 9, 10, 11, 0, 9500);
    var writes = new Result.Stats(50, 6, 30, 31, 32, 1, 501);
    var mixed = new Result("mixed", new Result.Stats(1000, 2.1, 12, 13, 14, 1, 10001), reads, writes, timeline(20), 5);

    JsonObject report = Report.compose(Map.of("mixed", mixed.toJson()));

    JsonObject row = report.getJsonObject("mixed");
    assertEquals(950.0, row.getJsonObject("reads").getDouble("rps"));
    assertEquals(30.0, row.getJsonObject("writes").getDouble("p99_ms"));
    assertEquals(1L, row.getJsonObject("writes").getLong("errors"));
    assertEquals(4, Report.table(report).size(), "header, mixed, its reads and its writes");
  }

  @Test
  void targetsAreRatiosWithinTheRunAndWarmUpsTooShortAreFlagged() {
    Map<String, JsonObject> results = new LinkedHashMap<>();
    results.put("baseline", result("baseline", 10_000, 0, null).toJson());
    results.put("filtered_list", result("filtered_list", 6_000, 0, null).toJson());
    results.put("product_by_slug", result("product_by_slug", 20_000, 0, null).toJson());
    List<Long> slowStart = timeline(20);
    for (int i = 0; i < 10; i++) {
      slowStart.set(i, 100L);
    }
    results.put("product_by_slug_graphql", new Result("product_by_slug_graphql", stats(10_000), null, null, slowStart, 5)
        .toJson());

    JsonObject scenarios = Report.compose(results);
    JsonObject targets = Report.targets(scenarios);

    assertEquals(0.6, targets.getJsonObject("filtered_list_vs_baseline").getDouble("ratio"));
    assertTrue(targets.getJsonObject("filtered_list_vs_baseline").getBoolean("met"));
    assertEquals(0.5, targets.getJsonObject("graphql_vs_rest_by_slug").getDouble("ratio"));
    assertFalse(targets.getJsonObject("graphql_vs_rest_by_slug").getBoolean("met"));
    assertEquals(10, scenarios.getJsonObject("product_by_slug_graphql").getInteger("steady_after_s"));
    List<String> notes = Report.notes(scenarios, targets);
    assertTrue(notes.stream().anyMatch(n -> n.startsWith("warning: product_by_slug_graphql") && n.contains("--warmup 10s")),
        notes::toString);
    assertFalse(notes.stream().anyMatch(n -> n.startsWith("warning: baseline")), notes::toString);
  }

  @Test
  void addToCartIsMeasuredAgainstTheBaselineAndErrorsMissTheTarget() {
    Map<String, JsonObject> results = new LinkedHashMap<>();
    results.put("baseline", result("baseline", 10_000, 0, null).toJson());
    results.put("add_to_cart", result("add_to_cart", 5_500, 0, null).toJson());
    JsonObject clean = Report.targets(Report.compose(results));
    assertEquals(0.55, clean.getJsonObject("add_to_cart_vs_baseline").getDouble("ratio"));
    assertEquals(0L, clean.getJsonObject("add_to_cart_vs_baseline").getLong("errors"));
    assertTrue(clean.getJsonObject("add_to_cart_vs_baseline").getBoolean("met"));
    assertNull(clean.getJsonObject("filtered_list_vs_baseline").getValue("met"), "not run: not measured");

    results.put("add_to_cart", result("add_to_cart", 6_000, 12, null).toJson());
    JsonObject scenarios = Report.compose(results);
    JsonObject withErrors = Report.targets(scenarios);
    assertEquals(0.6, withErrors.getJsonObject("add_to_cart_vs_baseline").getDouble("ratio"));
    assertEquals(12L, withErrors.getJsonObject("add_to_cart_vs_baseline").getLong("errors"));
    assertFalse(withErrors.getJsonObject("add_to_cart_vs_baseline").getBoolean("met"), "a scenario with errors is not comparable");
    assertTrue(Report.notes(scenarios, withErrors).stream()
        .anyMatch(n -> n.startsWith("target add_to_cart_vs_baseline") && n.contains("but 12 errors: MISSED")));
  }

  @Test
  void autocompleteMustAlsoAnswerWithinItsP99() {
    Map<String, JsonObject> results = new LinkedHashMap<>();
    results.put("baseline", result("baseline", 10_000, 0, null).toJson());
    results.put("autocomplete", result("autocomplete", 4_000, 0, null).toJson());
    results.put("search", result("search", 1_000, 0, null).toJson());
    JsonObject targets = Report.targets(Report.compose(results));
    JsonObject autocomplete = targets.getJsonObject("autocomplete_vs_baseline");
    assertEquals(0.4, autocomplete.getDouble("ratio"));
    assertEquals(20.0, autocomplete.getDouble("max_p99_ms"));
    assertTrue(autocomplete.getBoolean("met"), autocomplete.encode());
    assertFalse(targets.getJsonObject("search_vs_baseline").getBoolean("met"));
    results.put("search_live", result("search_live", 2_500, 0, null).toJson());
    JsonObject live = Report.targets(Report.compose(results)).getJsonObject("search_live_vs_baseline");
    assertEquals(0.25, live.getDouble("ratio"));
    assertTrue(live.getBoolean("met"), "search while the catalogue changes: the same target as search, 0.2x the baseline");
    assertTrue(Report.notes(Report.compose(results), targets).stream()
        .anyMatch(n -> n.startsWith("target autocomplete_vs_baseline") && n.contains("under 20 ms")));

    var slow = new Result("autocomplete", new Result.Stats(4_000, 10, 25, 30, 40, 0, 20_000), null, null, timeline(20), 5);
    results.put("autocomplete", slow.toJson());
    assertFalse(Report.targets(Report.compose(results)).getJsonObject("autocomplete_vs_baseline").getBoolean("met"));
  }

  @Test
  void eventsAreCountedPerEventAndRecommendationsNeedTheirP99() {
    Map<String, JsonObject> results = new LinkedHashMap<>();
    results.put("baseline", result("baseline", 10_000, 0, null).toJson());
    results.put("recommendations", result("recommendations", 6_000, 0, null).toJson());
    // 2,500 batches per second of 10 events each
    results.put("events", LoadGenerator.units(result("events", 2_500, 0, null), 10, "events"));
    JsonObject scenarios = Report.compose(results);
    assertEquals(25_000.0, scenarios.getJsonObject("events").getDouble("rps"));
    assertEquals("events", scenarios.getJsonObject("events").getString("unit"));
    assertEquals(2_500.0, scenarios.getJsonObject("events").getJsonObject("http").getDouble("rps"));
    JsonObject targets = Report.targets(scenarios);
    assertTrue(targets.getJsonObject("events_per_s").getBoolean("met"), targets.encode());
    assertTrue(targets.getJsonObject("recommendations_vs_baseline").getBoolean("met"), targets.encode());
    assertEquals(10.0, targets.getJsonObject("recommendations_vs_baseline").getDouble("max_p99_ms"));

    results.put("events", LoadGenerator.units(result("events", 1_500, 0, null), 10, "events"));
    results.put("recommendations", new Result("recommendations", new Result.Stats(6_000, 3, 12, 20, 30, 0, 30_000), null, null,
        timeline(20), 5).toJson());
    targets = Report.targets(Report.compose(results));
    assertFalse(targets.getJsonObject("events_per_s").getBoolean("met"), "15,000 events/s: " + targets.encode());
    assertFalse(targets.getJsonObject("recommendations_vs_baseline").getBoolean("met"), "p99 12 ms: " + targets.encode());
  }

  private static Result result(String name, double rps, long errors, List<Long> timeline) {
    return new Result(name, new Result.Stats(rps, 1.2, 4.5, 6, 7, errors, (long) rps * 5 + errors), null, null,
        timeline == null ? timeline(20) : timeline, 5);
  }

  private static Result.Stats stats(double rps) {
    return new Result.Stats(rps, 1, 2, 3, 4, 0, (long) rps * 15);
  }

  private static List<Long> timeline(int seconds) {
    return new java.util.ArrayList<>(Collections.nCopies(seconds, 1000L));
  }
}
