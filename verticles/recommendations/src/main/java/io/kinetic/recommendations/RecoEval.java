package io.kinetic.recommendations;

import io.kinetic.kernel.config.AppConfig;
import io.kinetic.recommendations.model.ContentSimilarity;
import io.kinetic.recommendations.model.Signal;
import io.kinetic.recommendations.model.TopNeighbours;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code scripts/reco-eval}: the offline evaluation from the command line, over the shopper
 * simulation ({@link ShopperSimulation}, the default) or a CSV of real interactions
 * ({@link InteractionCsv}). Prints hit rate@10, nDCG@10 and catalogue coverage per model, and the
 * best model's hit rate against popularity's. The models are the engine's own classes, with the
 * shipped configuration's defaults (30 neighbours, long view 20 s, trending 6 h, popularity 14 days).
 */
public final class RecoEval {

  static final String USAGE = """
    usage: scripts/reco-eval [--products 2000] [--shoppers 6000] [--days 28] [--seed 42] [--holdout 20] [--cases 20000]
                             [--write-csv DIR]
           scripts/reco-eval --interactions FILE.csv [--catalogue PRODUCTS.csv] [--holdout 20] [--cases 20000]
      Without --interactions: simulated shoppers with latent tastes over a generated catalogue of the demo
      catalogue's shape (deterministic by --seed); --write-csv writes it as DIR/interactions.csv and
      DIR/products.csv (the formats --interactions and --catalogue read; see README, "Recommendations").""";

  /** The shipped defaults (config/application.json), and what the evaluation does not use left empty. */
  static final RecommendationSettings SETTINGS = new RecommendationSettings("", 1, "", 1,
    new AppConfig.Outbox(1000, 200, 7, false), 1000, "en", "EUR", 100, 120, 6000, 30, 30, 20, 360, 14, 0);

  private RecoEval() {
  }

  public static void main(String[] args) throws Exception {
    try {
      System.exit(run(args, System.out));
    } catch (IllegalArgumentException e) {
      System.err.println("reco-eval: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
    }
  }

  static int run(String[] args, PrintStream out) throws Exception {
    int products = 2000;
    int shoppers = 6000;
    int days = 28;
    long seed = 42;
    int holdout = 20;
    int cases = 20_000;
    Path interactions = null;
    Path catalogueFile = null;
    Path writeCsv = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-h") || a.equals("--help")) {
        out.println(USAGE);
        return 0;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(a + " needs a value");
      }
      String v = args[++i];
      switch (a) {
        case "--products" -> products = number(a, v, 50, 1_000_000);
        case "--shoppers" -> shoppers = number(a, v, 10, 10_000_000);
        case "--days" -> days = number(a, v, 1, 3650);
        case "--seed" -> seed = Long.parseLong(v);
        case "--holdout" -> holdout = number(a, v, 1, 90);
        case "--cases" -> cases = number(a, v, 1, 10_000_000);
        case "--interactions" -> interactions = Path.of(v);
        case "--catalogue" -> catalogueFile = Path.of(v);
        case "--write-csv" -> writeCsv = Path.of(v);
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    long started = System.nanoTime();
    List<Signal> signals;
    List<CatalogItem> catalogue;
    String source;
    if (interactions != null) {
      signals = InteractionCsv.readInteractions(interactions, SETTINGS.longViewSeconds());
      catalogue = catalogueFile == null ? InteractionCsv.bare(signals)
        : InteractionCsv.readProducts(catalogueFile, SETTINGS.defaultCurrency());
      source = interactions + (catalogueFile == null ? " (no product file: content has nothing to compare)" : " with " + catalogueFile);
    } else {
      if (catalogueFile != null) {
        throw new IllegalArgumentException("--catalogue goes with --interactions");
      }
      var data = ShopperSimulation.run(seed, products, shoppers, days, SETTINGS.longViewSeconds());
      signals = data.signals();
      catalogue = data.catalogue();
      source = String.format(Locale.ROOT, "simulation seed %d: %d products, %d shoppers, %d sessions, %d orders over %d days",
        seed, products, shoppers, data.sessions(), data.orders(), days);
      if (writeCsv != null) {
        Files.createDirectories(writeCsv);
        InteractionCsv.writeInteractions(writeCsv.resolve("interactions.csv"), signals, SETTINGS.longViewSeconds());
        InteractionCsv.writeProducts(writeCsv.resolve("products.csv"), catalogue, SETTINGS.defaultCurrency());
        out.println("reco-eval: wrote " + writeCsv.resolve("interactions.csv") + " and " + writeCsv.resolve("products.csv"));
      }
    }
    var result = evaluate(signals, catalogue, holdout, cases);
    print(out, source, signals.size(), holdout, result, (System.nanoTime() - started) / 1_000_000);
    return 0;
  }

  /** Content similarity as the engine builds it (every product through the catalog projection), then the evaluation. */
  static OfflineEvaluation.Result evaluate(List<Signal> signals, List<CatalogItem> catalogue, int holdout, int cases) {
    var content = new ContentSimilarity(SETTINGS.neighbours());
    var projection = new CatalogProjection(content, SETTINGS.defaultCurrency());
    catalogue.forEach(projection::put);
    TopNeighbours lists = content.snapshot();
    return OfflineEvaluation.run(signals, lists, catalogue, SETTINGS, holdout, cases);
  }

  static void print(PrintStream out, String source, int signals, int holdout, OfflineEvaluation.Result r, long millis) {
    out.println("reco-eval: " + source);
    out.printf(Locale.ROOT, "reco-eval: %d signals in %d sessions; time split: the newest %d %% of sessions (%d) tested, "
      + "the models learned the %d signals before them; %d published products%n", signals, r.sessions(), holdout, r.heldOut(),
      r.trainedSignals(), r.published());
    out.println();
    out.printf(Locale.ROOT, "%-15s %10s %9s %9s %8s%n", "model", "hit@10", "nDCG@10", "coverage", "cases");
    for (var s : r.models()) {
      out.printf(Locale.ROOT, "%-15s %10.4f %9.4f %8.1f%% %8d%n", s.model(), s.hitRate(), s.ndcg(), s.coverage() * 100, s.cases());
    }
    out.println();
    var popularity = r.score("popularity");
    OfflineEvaluation.Score best = best(r);
    out.printf(Locale.ROOT, "best: %s, hit rate@10 %.4f = %s popularity's (%.4f); goal 1.3x; %d ms%n", best.model(),
      best.hitRate(), popularity.hitRate() == 0 ? "n/a x" : String.format(Locale.ROOT, "%.2fx", best.hitRate() / popularity.hitRate()),
      popularity.hitRate(), millis);
  }

  /** The model with the highest hit rate@10, baselines (popularity, trending, random) included. */
  static OfflineEvaluation.Score best(OfflineEvaluation.Result r) {
    var models = new ArrayList<>(r.models());
    models.sort((a, b) -> Double.compare(b.hitRate(), a.hitRate()));
    return models.get(0);
  }

  private static int number(String option, String value, int min, int max) {
    int n;
    try {
      n = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a whole number, got " + value);
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ", got " + n);
    }
    return n;
  }
}
