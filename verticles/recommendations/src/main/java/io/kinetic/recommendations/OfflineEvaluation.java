package io.kinetic.recommendations;

import io.kinetic.kernel.contract.recommendations.Recommend;
import io.kinetic.kernel.contract.recommendations.RecommendedProduct;
import io.kinetic.kernel.contract.recommendations.RecommenderReport.ModelEvaluation;
import io.kinetic.kernel.contract.recommendations.Situation;
import io.kinetic.recommendations.model.Scored;
import io.kinetic.recommendations.model.Signal;
import io.kinetic.recommendations.model.TopNeighbours;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Replays signals with a time-based split and scores each model on what came next. The sessions
 * are ordered by their last signal; the newest {@code holdoutPercent} are tested, and fresh
 * {@link Models} (the engine's classes) learn every signal of the others, in time order. Content
 * similarity does not learn from sessions: the lists it is given are used.
 *
 * <p>A tested session is replayed signal by signal: each time it reaches a product it has not
 * shown before (after its first), that product is a case, and every model ranks 10 products from
 * what the session did so far, its own products left out ({@code personal-b}: the same in A/B arm
 * b, with the default settings). {@code personal} is the home page's
 * "for you" row exactly as {@link Recommender} serves it (cascade, filters, re-ranking) with the
 * session's history so far; {@code co-occurrence} and {@code content} are those models alone
 * around the same seeds; {@code trending}, {@code popularity} and {@code random} ignore the
 * session. Hit rate@10: the share of cases whose product is in the top 10; nDCG@10: 1/log2(rank+2)
 * of the product's rank there (0 when missing), averaged; coverage: the share of published
 * products that any case recommended. Orders (sessions {@code order:...}) are learned from, never
 * tested (an order's products have no order). Pure; runs on a worker thread.
 */
final class OfflineEvaluation {

  static final int AT = 10;
  static final int MAX_CASES = 5_000;
  static final String ORDER_SESSION = "order:";

  /** One model's figures over {@code cases}. */
  record Score(String model, double hitRate, double ndcg, double coverage, int cases) {
  }

  /** {@code sessions} in total (orders included), {@code heldOut} of them after the split; {@code trainedSignals} learned. */
  record Result(int sessions, int heldOut, int trainedSignals, int published, List<Score> models) {

    List<ModelEvaluation> evaluations() {
      return models.stream().map(s -> new ModelEvaluation(s.model(), s.hitRate(), s.coverage(), s.cases())).toList();
    }

    Score score(String model) {
      return models.stream().filter(s -> s.model().equals(model)).findFirst().orElseThrow();
    }
  }

  /** A model as the evaluation asks it: ranked candidates from the session's seeds (products → weight). */
  interface Ranker extends Function<Map<UUID, Double>, List<Scored>> {
  }

  private OfflineEvaluation() {
  }

  /**
   * {@code signals} in time order; {@code content}: the content neighbours (a copy of the live
   * lists); {@code catalogue}: the products as the recommender knows them (only published ones are
   * recommended and counted for coverage).
   */
  static Result run(List<Signal> signals, TopNeighbours content, Collection<CatalogItem> catalogue,
                    RecommendationSettings settings, int holdoutPercent, int maxCases) {
    Map<String, List<Signal>> sessions = new LinkedHashMap<>();
    for (Signal s : signals) {
      sessions.computeIfAbsent(s.session(), x -> new ArrayList<>()).add(s);
    }
    var ordered = new ArrayList<>(sessions.values());
    ordered.sort(Comparator.comparingLong(list -> list.get(list.size() - 1).atMillis()));
    int test = ordered.size() * holdoutPercent / 100;
    int trainCount = ordered.size() - test;
    Set<String> trainSessions = new HashSet<>();
    for (int i = 0; i < trainCount; i++) {
      trainSessions.add(ordered.get(i).get(0).session());
    }
    var models = new Models(settings, content);
    long cut = 0;
    int trained = 0;
    var learned = new ArrayList<Signal>();
    for (Signal s : signals) {
      if (trainSessions.contains(s.session())) {
        models.learn(s);
        learned.add(s);
        cut = Math.max(cut, s.atMillis());
        trained++;
      }
    }
    // EASE as the engine trains it in the background: once, on everything learned
    models.ease = EaseTraining.train(learned, settings.neighbours()).neighbours();
    long at = cut;
    var catalog = CatalogProjection.copyOf(catalogue, settings.defaultCurrency());
    Set<UUID> published = new HashSet<>();
    catalogue.forEach(i -> {
      if (i.published()) {
        published.add(i.id());
      }
    });
    var recommender = new Recommender(models, catalog, new LatencyRecorder(), new AbTest(0), settings.defaultLocale(),
      settings.defaultCurrency(), () -> at);
    // every session in arm b: that arm's row as served
    var armB = new Recommender(models, catalog, new LatencyRecorder(), new AbTest(100), settings.defaultLocale(),
      settings.defaultCurrency(), () -> at);
    models.popularity.touch();
    models.trending.touch();
    List<Scored> popular = models.popularity.ranking(at);
    List<Scored> trend = models.trending.ranking(at);
    List<UUID> all = new ArrayList<>(published);
    all.sort(Comparator.naturalOrder());
    var random = new Random(42);

    Map<String, Ranker> rankers = new LinkedHashMap<>();
    rankers.put("co-occurrence", seeds -> Candidates.around(seeds, models.coOccurrence::of));
    rankers.put("content", seeds -> Candidates.around(seeds, models.similar));
    rankers.put("ease", seeds -> Candidates.around(seeds, models.ease));
    rankers.put("trending", seeds -> trend);
    rankers.put("popularity", seeds -> popular);
    rankers.put("random", seeds -> {
      var out = new ArrayList<Scored>();
      for (int i = 0; i < AT * 3 && !all.isEmpty(); i++) {
        out.add(new Scored(all.get(random.nextInt(all.size())), 0));
      }
      return out;
    });
    List<String> names = new ArrayList<>();
    names.add("personal");
    names.add("personal-b");
    names.addAll(rankers.keySet());
    Map<String, double[]> sums = new LinkedHashMap<>();
    Map<String, Set<UUID>> shown = new HashMap<>();
    names.forEach(m -> {
      sums.put(m, new double[2]);
      shown.put(m, new HashSet<>());
    });

    int cases = 0;
    for (int i = trainCount; i < ordered.size() && cases < maxCases; i++) {
      List<Signal> session = ordered.get(i);
      String id = session.get(0).session();
      if (id == null || id.startsWith(ORDER_SESSION)) {
        continue;
      }
      // the session's history so far, as the engine keeps it (strongest signal per product, newest last)
      String replay = "eval:" + id;
      Set<UUID> seen = new HashSet<>();
      for (Signal s : session) {
        if (!seen.isEmpty() && !seen.contains(s.product()) && cases < maxCases) {
          cases++;
          UUID target = s.product();
          var history = models.sessions.recent(replay);
          Map<UUID, Double> seeds = Recommender.seeds(history);
          // the home page's row as served: personal cascade, filters, re-ranking
          var row = recommender.recommend(new Recommend(Situation.HOME, replay, null, null, null, AT, null, null))
            .rows().get(0).items().stream().map(RecommendedProduct::id).toList();
          score(row, target, sums.get("personal"), shown.get("personal"));
          var rowB = armB.recommend(new Recommend(Situation.HOME, replay, null, null, null, AT, null, null))
            .rows().get(0).items().stream().map(RecommendedProduct::id).toList();
          score(rowB, target, sums.get("personal-b"), shown.get("personal-b"));
          for (var m : rankers.entrySet()) {
            score(top(m.getValue().apply(seeds), seen, published), target, sums.get(m.getKey()), shown.get(m.getKey()));
          }
        }
        seen.add(s.product());
        models.sessions.record(replay, s.product(), s.weight(), new HashMap<>());
      }
    }
    var out = new ArrayList<Score>();
    for (String m : names) {
      double[] sum = sums.get(m);
      out.add(new Score(m, cases == 0 ? 0 : sum[0] / cases, cases == 0 ? 0 : sum[1] / cases,
        published.isEmpty() ? 0 : (double) shown.get(m).size() / published.size(), cases));
    }
    return new Result(ordered.size(), test, trained, published.size(), out);
  }

  private static void score(List<UUID> top, UUID target, double[] sum, Set<UUID> shown) {
    shown.addAll(top);
    int rank = top.indexOf(target);
    if (rank >= 0 && rank < AT) {
      sum[0] += 1;
      sum[1] += 1 / (Math.log(rank + 2) / Math.log(2));
    }
  }

  private static List<UUID> top(List<Scored> candidates, Set<UUID> history, Set<UUID> published) {
    var out = new ArrayList<UUID>(AT);
    for (Scored s : candidates) {
      if (!history.contains(s.productId()) && published.contains(s.productId()) && !out.contains(s.productId())) {
        out.add(s.productId());
        if (out.size() == AT) {
          break;
        }
      }
    }
    return out;
  }
}
