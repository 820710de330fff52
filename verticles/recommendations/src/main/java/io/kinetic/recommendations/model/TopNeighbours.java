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
 * (for counts, this keeps the heavy hitters: pairs that keep occurring come back and win). Each
 * list remembers its weakest entry, so the common case (a candidate too weak to enter) is O(1).
 * Not thread-safe: one event loop owns it.
 */
public final class TopNeighbours {

  /** One product's list, with its weakest entry found lazily. */
  private static final class Top {
    final Map<UUID, Double> scores = new HashMap<>();
    UUID weakest;
    double min;
    boolean stale = true;
    /** The list best first, kept until the list changes (rows read it far more often than models change it). */
    List<Scored> sorted;

    double min() {
      if (stale) {
        min = Double.MAX_VALUE;
        weakest = null;
        for (var e : scores.entrySet()) {
          if (e.getValue() < min) {
            min = e.getValue();
            weakest = e.getKey();
          }
        }
        stale = false;
      }
      return min;
    }

    void put(UUID id, double score) {
      scores.put(id, score);
      stale = true;
      sorted = null;
    }

    void remove(UUID id) {
      if (scores.remove(id) != null) {
        stale = true;
        sorted = null;
      }
    }

    Top copy() {
      var copy = new Top();
      copy.scores.putAll(scores);
      return copy;
    }
  }

  private final int k;
  private final Map<UUID, Top> lists = new HashMap<>();

  public TopNeighbours(int k) {
    this.k = k;
  }

  /** Adds {@code delta} to the pair's score in {@code product}'s list (entering it if there is room or it now beats the weakest). */
  public void add(UUID product, UUID neighbour, double delta) {
    Top list = lists.computeIfAbsent(product, p -> new Top());
    Double current = list.scores.get(neighbour);
    if (current != null) {
      list.put(neighbour, current + delta);
      return;
    }
    offer(list, neighbour, delta);
  }

  /** Sets the pair's score (e.g. a recomputed similarity); keeps the list at k. */
  public void set(UUID product, UUID neighbour, double score) {
    Top list = lists.computeIfAbsent(product, p -> new Top());
    if (list.scores.containsKey(neighbour)) {
      list.put(neighbour, score);
      return;
    }
    offer(list, neighbour, score);
  }

  private void offer(Top list, UUID neighbour, double score) {
    if (list.scores.size() < k) {
      list.put(neighbour, score);
      return;
    }
    if (score > list.min()) {
      list.remove(list.weakest);
      list.put(neighbour, score);
    }
  }

  /** Replaces {@code product}'s whole list. */
  public void replace(UUID product, List<Scored> neighbours) {
    Top list = new Top();
    neighbours.stream().sorted(Comparator.comparingDouble(Scored::score).reversed()).limit(k)
      .forEach(s -> list.put(s.productId(), s.score()));
    lists.put(product, list);
  }

  public void remove(UUID product, UUID neighbour) {
    Top list = lists.get(product);
    if (list != null) {
      list.remove(neighbour);
    }
  }

  /** Forgets the product and removes it from every list that names it (its neighbours' lists). */
  public void forget(UUID product) {
    Top list = lists.remove(product);
    if (list != null) {
      for (UUID n : list.scores.keySet()) {
        remove(n, product);
      }
    }
  }

  public boolean contains(UUID product, UUID neighbour) {
    Top list = lists.get(product);
    return list != null && list.scores.containsKey(neighbour);
  }

  /** The weakest score in a full list, 0 when the list still has room. */
  public double threshold(UUID product) {
    Top list = lists.get(product);
    return list == null || list.scores.size() < k ? 0 : list.min();
  }

  /** {@code product}'s neighbours, best first (unmodifiable, sorted once per change of the list). */
  public List<Scored> of(UUID product) {
    Top list = lists.get(product);
    if (list == null || list.scores.isEmpty()) {
      return List.of();
    }
    if (list.sorted == null) {
      var out = new ArrayList<Scored>(list.scores.size());
      list.scores.forEach((id, score) -> out.add(new Scored(id, score)));
      out.sort(Comparator.comparingDouble(Scored::score).reversed());
      list.sorted = List.copyOf(out);
    }
    return list.sorted;
  }

  /** A copy, for an evaluation off the event loop. */
  public TopNeighbours copy() {
    var copy = new TopNeighbours(k);
    lists.forEach((p, list) -> copy.lists.put(p, list.copy()));
    return copy;
  }

  public int products() {
    return lists.size();
  }
}
