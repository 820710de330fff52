package io.kinetic.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

  @TempDir
  Path dir;

  @Test
  void ratioIsRpsOverBaselineRps() throws Exception {
    Path baseline = dir.resolve("baseline.out");
    Files.writeString(baseline, "baseline: 1000 req/s\n"
        + new Result("baseline", 1000, 1.2, 4.5, 6, 7, 0, 5000).toJson().encode() + "\n");
    Path byId = dir.resolve("product_by_id.out");
    Files.writeString(byId, new Result("product_by_id", 750, 2, 8, 9, 10, 3, 3753).toJson().encode());
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
}
