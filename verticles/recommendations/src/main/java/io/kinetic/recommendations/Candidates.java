package io.kinetic.recommendations;

import io.kinetic.recommendations.model.Scored;
import io.kinetic.recommendations.model.TopNeighbours;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** Retrieval: the neighbours of several seed products, merged by seed weight. */
final class Candidates {

  private Candidates() {
  }

  /**
   * Each seed's neighbours, their scores scaled to the seed's best (so a seed with big counts does
   * not drown the others) and weighted by the seed's weight, summed per candidate, best first.
   */
  static List<Scored> around(Map<UUID, Double> seeds, Function<UUID, List<Scored>> neighbours) {
    var sums = new HashMap<UUID, Double>();
    seeds.forEach((seed, weight) -> {
      List<Scored> list = neighbours.apply(seed);
      if (list.isEmpty()) {
        return;
      }
      double best = list.get(0).score();
      for (Scored s : list) {
        sums.merge(s.productId(), weight * s.score() / best, Double::sum);
      }
    });
    var out = new ArrayList<Scored>(sums.size());
    sums.forEach((id, score) -> out.add(new Scored(id, score)));
    out.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::productId));
    return out;
  }

  static List<Scored> around(Map<UUID, Double> seeds, TopNeighbours neighbours) {
    return around(seeds, neighbours::of);
  }
}
