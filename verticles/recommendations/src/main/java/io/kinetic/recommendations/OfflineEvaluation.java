package io.kinetic.recommendations;

import io.kinetic.kernel.contract.recommendations.RecommenderReport.ModelEvaluation;
import io.kinetic.recommendations.model.CoOccurrence;
import io.kinetic.recommendations.model.DecayingCounts;
import io.kinetic.recommendations.model.Scored;
import io.kinetic.recommendations.model.SessionHistories;
import io.kinetic.recommendations.model.Signal;
import io.kinetic.recommendations.model.TopNeighbours;
import java.util.ArrayList;
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
 * Hit rate@10 on a held-out tail of sessions: the sessions are ordered by their last signal, the
 * newest {@code holdoutPercent} are tested, the models are trained from scratch on the others
 * (content similarity does not learn from sessions: its current lists are used). For each tested
 * session and each of its products after the first, every model ranks 10 products from the
 * products before it; a hit is the next product among them. Coverage: the share of published
 * products that any case recommended. A random baseline shows what chance gives. Pure, runs on a
 * worker thread.
 */
final class OfflineEvaluation {

  static final int AT = 10;
  private static final int MAX_CASES = 5_000;

  record Result(int sessions, int heldOut, List<ModelEvaluation> models) {
  }

  private OfflineEvaluation() {
  }

  /** {@code signals} in time order; {@code published}: the products that may be recommended. */
  static Result run(List<Signal> signals, TopNeighbours content, Set<UUID> published, int holdoutPercent, int k,
                    long popularityHalfLife, long trendingHalfLife) {
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
    var histories = new SessionHistories(30, Integer.MAX_VALUE);
    var co = new CoOccurrence(k, histories);
    var popularity = new DecayingCounts(popularityHalfLife);
    var trending = new DecayingCounts(trendingHalfLife);
    long cut = 0;
    for (Signal s : signals) {
      if (trainSessions.contains(s.session())) {
        co.learn(s);
        if (s.sales() > 0) {
          double amount = s.weight() >= Signal.PURCHASE ? s.sales() : s.sales() * Models.ADD_TO_CART_SHARE;
          popularity.add(s.product(), amount, s.atMillis());
          trending.add(s.product(), amount, s.atMillis());
        }
        cut = Math.max(cut, s.atMillis());
      }
    }
    long at = cut;
    List<Scored> popular = popularity.ranking(at);
    List<Scored> trend = trending.ranking(at);
    List<UUID> all = new ArrayList<>(published);
    all.sort(Comparator.naturalOrder());
    var random = new Random(42);
    Map<String, Function<Map<UUID, Double>, List<Scored>>> models = new LinkedHashMap<>();
    models.put("co-occurrence", seeds -> Candidates.around(seeds, co::of));
    models.put("content", seeds -> Candidates.around(seeds, content));
    models.put("trending", seeds -> trend);
    models.put("popularity", seeds -> popular);
    models.put("random", seeds -> {
      var out = new ArrayList<Scored>();
      for (int i = 0; i < AT * 3 && !all.isEmpty(); i++) {
        out.add(new Scored(all.get(random.nextInt(all.size())), 0));
      }
      return out;
    });
    Map<String, int[]> hits = new LinkedHashMap<>();
    Map<String, Set<UUID>> shown = new HashMap<>();
    models.keySet().forEach(m -> {
      hits.put(m, new int[1]);
      shown.put(m, new HashSet<>());
    });
    int cases = 0;
    for (int i = trainCount; i < ordered.size() && cases < MAX_CASES; i++) {
      List<UUID> products = new ArrayList<>();
      for (Signal s : ordered.get(i)) {
        if (!products.contains(s.product())) {
          products.add(s.product());
        }
      }
      for (int j = 1; j < products.size() && cases < MAX_CASES; j++) {
        Map<UUID, Double> seeds = new HashMap<>();
        double recency = 1;
        for (int h = j - 1; h >= 0; h--) {
          seeds.merge(products.get(h), recency, Double::sum);
          recency *= 0.85;
        }
        UUID target = products.get(j);
        cases++;
        for (var m : models.entrySet()) {
          List<UUID> top = top(m.getValue().apply(seeds), seeds.keySet(), published);
          shown.get(m.getKey()).addAll(top);
          if (top.contains(target)) {
            hits.get(m.getKey())[0]++;
          }
        }
      }
    }
    var out = new ArrayList<ModelEvaluation>();
    for (String m : models.keySet()) {
      out.add(new ModelEvaluation(m, cases == 0 ? 0 : (double) hits.get(m)[0] / cases,
        published.isEmpty() ? 0 : (double) shown.get(m).size() / published.size(), cases));
    }
    return new Result(ordered.size(), test, out);
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
