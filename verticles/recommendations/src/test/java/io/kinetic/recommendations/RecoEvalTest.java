package io.kinetic.recommendations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/reco-eval: the offline evaluation over the shopper simulation and over CSV files. */
class RecoEvalTest {

  private static final int LONG_VIEW = RecoEval.SETTINGS.longViewSeconds();

  @Test
  void onASmallSimulationTheBestModelBeatsPopularity() {
    var data = ShopperSimulation.run(7, 500, 1500, 28, LONG_VIEW);
    var result = RecoEval.evaluate(data.signals(), data.catalogue(), 20, 5_000);
    assertEquals(List.of("personal", "personal-b", "co-occurrence", "content", "ease", "trending", "popularity", "random"),
      result.models().stream().map(OfflineEvaluation.Score::model).toList());
    var popularity = result.score("popularity");
    var best = RecoEval.best(result);
    assertTrue(result.models().get(0).cases() > 1_000, "enough cases: " + result);
    assertTrue(Set.of("personal", "personal-b", "co-occurrence", "content", "ease").contains(best.model()),
      "a model, not a baseline, wins: " + result);
    assertTrue(result.score("ease").hitRate() > result.score("co-occurrence").hitRate(), "EASE beats co-occurrence: " + result);
    assertTrue(result.score("personal-b").hitRate() > result.score("personal").hitRate(),
      "arm b's row (EASE first) beats arm a's (co-occurrence first): " + result);
    assertTrue(best.hitRate() >= 1.3 * popularity.hitRate(), "at least 1.3x popularity's hit rate@10: " + result);
    assertTrue(result.score("personal").hitRate() > popularity.hitRate(), "the home row as served beats popularity: " + result);
    assertTrue(popularity.hitRate() > 3 * result.score("random").hitRate(), "popularity beats chance: " + result);
    for (var s : result.models()) {
      assertTrue(s.ndcg() <= s.hitRate() && s.ndcg() >= s.hitRate() / Math.log(12) * Math.log(2) - 1e-9, "nDCG@10 within its bounds: " + s);
    }
    assertTrue(result.score("random").coverage() > 0.9 && popularity.coverage() < 0.1, "coverage: " + result);
  }

  @Test
  void theSimulationIsDeterministicBySeed() {
    var a = ShopperSimulation.run(3, 200, 300, 7, LONG_VIEW);
    var b = ShopperSimulation.run(3, 200, 300, 7, LONG_VIEW);
    var c = ShopperSimulation.run(4, 200, 300, 7, LONG_VIEW);
    assertEquals(a.signals(), b.signals());
    assertEquals(a.catalogue().stream().map(CatalogItem::id).toList(), b.catalogue().stream().map(CatalogItem::id).toList());
    assertTrue(!a.signals().equals(c.signals()), "another seed, other shoppers");
  }

  @Test
  void aCsvOfTheSimulationEvaluatesLikeTheSimulation(@TempDir Path dir) throws Exception {
    var out = new ByteArrayOutputStream();
    RecoEval.run(new String[] {"--products", "300", "--shoppers", "600", "--seed", "5", "--write-csv", dir.toString()},
      new PrintStream(out, true, StandardCharsets.UTF_8));
    String simulated = out.toString(StandardCharsets.UTF_8);
    assertTrue(simulated.contains("co-occurrence") && simulated.contains("nDCG@10") && simulated.contains("best: "), simulated);

    var data = ShopperSimulation.run(5, 300, 600, 28, LONG_VIEW);
    var signals = InteractionCsv.readInteractions(dir.resolve("interactions.csv"), LONG_VIEW);
    assertEquals(data.signals().size(), signals.size());
    var catalogue = InteractionCsv.readProducts(dir.resolve("products.csv"), "EUR");
    var fromSimulation = RecoEval.evaluate(data.signals(), data.catalogue(), 20, 5_000);
    var fromCsv = RecoEval.evaluate(signals, catalogue, 20, 5_000);
    for (String model : List.of("co-occurrence", "content", "popularity", "trending")) {
      assertEquals(fromSimulation.score(model), fromCsv.score(model), model);
    }
  }

  @Test
  void aCsvWithoutProductsNeedsOnlyTheInteractions(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("real.csv");
    var lines = new StringBuilder("session,product,type,at,dwell_ms\n");
    // sessions viewing "lamp" then "shade" (ids that are not UUIDs), and a purchase of both as an order
    for (int i = 0; i < 40; i++) {
      long t = 1_000_000L + i * 60_000L;
      lines.append("s").append(i).append(",lamp,product-view,").append(t).append(",\n");
      lines.append("s").append(i).append(",lamp,product-leave,").append(t + 1).append(",25000\n");
      lines.append("s").append(i).append(",shade,product-view,").append(t + 2).append(",\n");
      lines.append("s").append(i).append(",\"other, quoted\",add-to-cart,").append(t + 3).append(",\n");
    }
    lines.append("order:1,lamp,purchase,2026-01-01T00:00:00Z,\n");
    Files.writeString(file, lines);
    var signals = InteractionCsv.readInteractions(file, LONG_VIEW);
    assertEquals(40 * 4 + 1, signals.size());
    var result = RecoEval.evaluate(signals, InteractionCsv.bare(signals), 20, 1_000);
    assertEquals(1.0, result.score("co-occurrence").hitRate(), "the next product is always the one co-occurrence learned: " + result);
    assertEquals(0.0, result.score("content").hitRate(), "no product file: content has nothing to compare");

    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "session,product,type,at\ns1,lamp,product-view,yesterday\n");
    var e = assertThrows(IllegalArgumentException.class, () -> InteractionCsv.readInteractions(bad, LONG_VIEW));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> RecoEval.run(new String[] {"--products", "ten"}, System.out));
  }
}
