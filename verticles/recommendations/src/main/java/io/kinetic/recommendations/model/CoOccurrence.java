package io.kinetic.recommendations.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Item-item co-occurrence from sessions and orders, weighted by signal: a pair's score is, summed
 * over the sessions holding both, the weaker of the two products' strongest signals there (two
 * products bought together count 8, viewed together 1). Updated per signal in O(session length):
 * when a product's strongest signal in a session rises, each pair it forms there gains the
 * difference. Kept as the top-k neighbours of each product ({@link TopNeighbours}).
 */
public final class CoOccurrence {

  private final TopNeighbours neighbours;
  private final SessionHistories sessions;

  public CoOccurrence(int k, SessionHistories sessions) {
    this.neighbours = new TopNeighbours(k);
    this.sessions = sessions;
  }

  /** Learns from the signal; answers the products whose neighbours changed. */
  public Set<UUID> learn(Signal signal) {
    Map<UUID, Integer> others = new HashMap<>();
    int before = sessions.record(signal.session(), signal.product(), signal.weight(), others);
    int after = Math.max(before, signal.weight());
    if (after == before || others.isEmpty()) {
      return Set.of();
    }
    var changed = new java.util.HashSet<UUID>();
    changed.add(signal.product());
    others.forEach((other, weight) -> {
      double gain = Math.min(after, weight) - Math.min(before, weight);
      if (gain > 0) {
        neighbours.add(signal.product(), other, gain);
        neighbours.add(other, signal.product(), gain);
        changed.add(other);
      }
    });
    return changed;
  }

  /**
   * Learns the products of one order (distinct), all bought together: each pair gains the purchase
   * weight. An order is not a session to remember, so no history is kept for it.
   */
  public Set<UUID> learnOrder(List<UUID> products) {
    var changed = new java.util.HashSet<UUID>();
    for (int i = 0; i < products.size(); i++) {
      for (int j = i + 1; j < products.size(); j++) {
        neighbours.add(products.get(i), products.get(j), Signal.PURCHASE);
        neighbours.add(products.get(j), products.get(i), Signal.PURCHASE);
        changed.add(products.get(i));
        changed.add(products.get(j));
      }
    }
    return changed;
  }

  public List<Scored> of(UUID product) {
    return neighbours.of(product);
  }

  public void forget(UUID product) {
    neighbours.forget(product);
  }

  public TopNeighbours snapshot() {
    return neighbours.copy();
  }
}
