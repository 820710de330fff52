package io.kinetic.recommendations.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The k best neighbours of each product under one model, never all pairs: memory is products × k.
 * When a product's list is full, a newcomer replaces its weakest neighbour only by scoring higher
 * (for counts, this keeps the heavy hitters: pairs that keep occurring come back and win). Not
 * thread-safe: one event loop owns it.
 */
public final class TopNeighbours {

  private final int k;
  private final Map<UUID, Map<UUID, Double>> lists = new HashMap<>();

  public TopNeighbours(int k) {
    this.k = k;
  }

  /** Adds {@code delta} to the pair's score in {@code product}'s list (entering it if there is room or it now beats the weakest). */
  public void add(UUID product, UUID neighbour, double delta) {
    Map<UUID, Double> list = lists.computeIfAbsent(product, p -> new HashMap<>());
    Double current = list.get(neighbour);
    if (current != null) {
      list.put(neighbour, current + delta);
      return;
    }
    offer(list, neighbour, delta);
  }

  /** Sets the pair's score (e.g. a recomputed similarity); keeps the list at k. */
  public void set(UUID product, UUID neighbour, double score) {
    Map<UUID, Double> list = lists.computeIfAbsent(product, p -> new HashMap<>());
    if (list.containsKey(neighbour)) {
      list.put(neighbour, score);
      return;
    }
    offer(list, neighbour, score);
  }

  private void offer(Map<UUID, Double> list, UUID neighbour, double score) {
    if (list.size() < k) {
      list.put(neighbour, score);
      return;
    }
    UUID weakest = null;
    double min = Double.MAX_VALUE;
    for (var e : list.entrySet()) {
      if (e.getValue() < min) {
        min = e.getValue();
        weakest = e.getKey();
      }
    }
    if (score > min) {
      list.remove(weakest);
      list.put(neighbour, score);
    }
  }

  /** Replaces {@code product}'s whole list. */
  public void replace(UUID product, List<Scored> neighbours) {
    Map<UUID, Double> list = new HashMap<>();
    neighbours.stream().sorted(Comparator.comparingDouble(Scored::score).reversed()).limit(k)
      .forEach(s -> list.put(s.productId(), s.score()));
    lists.put(product, list);
  }

  public void remove(UUID product, UUID neighbour) {
    Map<UUID, Double> list = lists.get(product);
    if (list != null) {
      list.remove(neighbour);
    }
  }

  /** Forgets the product and removes it from every list that names it (its neighbours' lists). */
  public void forget(UUID product) {
    Map<UUID, Double> list = lists.remove(product);
    if (list != null) {
      for (UUID n : list.keySet()) {
        remove(n, product);
      }
    }
  }

  public boolean contains(UUID product, UUID neighbour) {
    Map<UUID, Double> list = lists.get(product);
    return list != null && list.containsKey(neighbour);
  }

  /** The weakest score in a full list, 0 when the list still has room. */
  public double threshold(UUID product) {
    Map<UUID, Double> list = lists.get(product);
    if (list == null || list.size() < k) {
      return 0;
    }
    return list.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
  }

  /** {@code product}'s neighbours, best first. */
  public List<Scored> of(UUID product) {
    Map<UUID, Double> list = lists.get(product);
    if (list == null || list.isEmpty()) {
      return List.of();
    }
    var out = new ArrayList<Scored>(list.size());
    list.forEach((id, score) -> out.add(new Scored(id, score)));
    out.sort(Comparator.comparingDouble(Scored::score).reversed());
    return out;
  }

  /** A copy, for an evaluation off the event loop. */
  public TopNeighbours copy() {
    var copy = new TopNeighbours(k);
    lists.forEach((p, list) -> copy.lists.put(p, new HashMap<>(list)));
    return copy;
  }

  public int products() {
    return lists.size();
  }
}
