package io.kinetic.recommendations.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Per product, a count that halves every {@code halfLifeMillis}: a sliding window without buckets,
 * updated in O(1) per event. Popularity (days) and trending (hours) are two of these over the same
 * signals: units sold and adds to cart. The ranking is recomputed at most once per
 * {@code rankMillis} of wall-clock time, or after a change when asked for.
 */
public final class DecayingCounts {

  private record Count(double value, long at) {
  }

  private final long halfLifeMillis;
  private final double lambda;
  private final Map<UUID, Count> counts = new HashMap<>();
  private List<Scored> ranking = List.of();
  private boolean dirty;
  private long rankedAt;

  public DecayingCounts(long halfLifeMillis) {
    this.halfLifeMillis = halfLifeMillis;
    this.lambda = Math.log(2) / halfLifeMillis;
  }

  public void add(UUID product, double amount, long atMillis) {
    Count c = counts.get(product);
    double value = c == null ? amount : decayed(c, atMillis) + amount;
    counts.put(product, new Count(value, Math.max(atMillis, c == null ? atMillis : c.at())));
    dirty = true;
  }

  public double value(UUID product, long nowMillis) {
    Count c = counts.get(product);
    return c == null ? 0 : decayed(c, nowMillis);
  }

  private double decayed(Count c, long now) {
    return c.value() * Math.exp(-lambda * Math.max(0, now - c.at()));
  }

  public void forget(UUID product) {
    if (counts.remove(product) != null) {
      dirty = true;
    }
  }

  /** Every counted product, highest first (recomputed when changed, at most every second). */
  public List<Scored> ranking(long nowMillis) {
    if (dirty && (nowMillis - rankedAt >= 1000 || ranking.isEmpty())) {
      var out = new ArrayList<Scored>(counts.size());
      counts.forEach((id, c) -> out.add(new Scored(id, decayed(c, nowMillis))));
      out.sort(Comparator.comparingDouble(Scored::score).reversed());
      ranking = List.copyOf(out);
      dirty = false;
      rankedAt = nowMillis;
    }
    return ranking;
  }

  /** Forces the next {@link #ranking} to recompute (tests, evaluation). */
  public void touch() {
    dirty = true;
    rankedAt = 0;
  }

  public DecayingCounts copy() {
    var copy = new DecayingCounts(halfLifeMillis);
    copy.counts.putAll(counts);
    copy.dirty = true;
    return copy;
  }
}
