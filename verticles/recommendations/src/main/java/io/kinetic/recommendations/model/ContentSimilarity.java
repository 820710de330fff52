package io.kinetic.recommendations.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Content similarity from categories, attributes, text and price, kept as the top-k neighbours of
 * each product and recomputed for a product when it changes: its candidates are the products
 * sharing a category, an attribute value or a word with it (an inverted index, rarest features
 * first, a bounded number; features held by more than {@value #MAX_POSTING} products are too common
 * to retrieve by), scored, and the
 * changed product enters or leaves its candidates' lists too. Never an all-pairs table.
 */
public final class ContentSimilarity {

  static final int MAX_POSTING = 2_000;
  static final int CANDIDATES = 300;
  private static final double CATEGORY = 0.35;
  private static final double ATTRIBUTES = 0.25;
  private static final double TEXT = 0.30;
  private static final double PRICE = 0.10;

  private final TopNeighbours neighbours;
  private final Map<UUID, ProductFeatures> products = new HashMap<>();
  private final Map<String, Set<UUID>> postings = new HashMap<>();
  private final Map<UUID, Double> norms = new HashMap<>();

  public ContentSimilarity(int k) {
    this.neighbours = new TopNeighbours(k);
  }

  /** Indexes the product (new or changed) and recomputes its neighbours; answers the products whose lists changed. */
  public Set<UUID> update(ProductFeatures features) {
    UUID id = features.id();
    Set<UUID> changed = new HashSet<>();
    ProductFeatures old = products.put(id, features);
    norms.put(id, features.norm());
    if (old != null) {
      keys(old).forEach(key -> postings.getOrDefault(key, Set.of()).remove(id));
      for (Scored n : neighbours.of(id)) {
        neighbours.remove(n.productId(), id);
        changed.add(n.productId());
      }
    }
    keys(features).forEach(key -> postings.computeIfAbsent(key, k -> new HashSet<>()).add(id));
    var scored = new ArrayList<Scored>();
    for (UUID candidate : candidates(features)) {
      double score = score(features, products.get(candidate));
      if (score > 0) {
        scored.add(new Scored(candidate, score));
        if (score > neighbours.threshold(candidate) || neighbours.contains(candidate, id)) {
          neighbours.set(candidate, id, score);
          changed.add(candidate);
        }
      }
    }
    neighbours.replace(id, scored);
    changed.add(id);
    return changed;
  }

  /** Drops the product (deleted); answers the products whose lists changed. */
  public Set<UUID> remove(UUID id) {
    ProductFeatures old = products.remove(id);
    if (old == null) {
      return Set.of();
    }
    norms.remove(id);
    keys(old).forEach(key -> postings.getOrDefault(key, Set.of()).remove(id));
    Set<UUID> changed = new HashSet<>();
    for (Scored n : neighbours.of(id)) {
      changed.add(n.productId());
    }
    neighbours.forget(id);
    changed.add(id);
    return changed;
  }

  public List<Scored> of(UUID product) {
    return neighbours.of(product);
  }

  public TopNeighbours snapshot() {
    return neighbours.copy();
  }

  /**
   * The products sharing the rarest features first (a rare word or a small category says more than
   * a common one), until {@value #CANDIDATES} are found: the work per change is bounded whatever the
   * catalogue's size.
   */
  private Set<UUID> candidates(ProductFeatures f) {
    var lists = new ArrayList<Set<UUID>>();
    for (String key : keys(f)) {
      Set<UUID> posting = postings.get(key);
      if (posting != null && posting.size() > 1 && posting.size() <= MAX_POSTING) {
        lists.add(posting);
      }
    }
    lists.sort(java.util.Comparator.comparingInt(Set::size));
    Set<UUID> out = new HashSet<>();
    for (Set<UUID> posting : lists) {
      out.addAll(posting);
      if (out.size() >= CANDIDATES) {
        break;
      }
    }
    out.remove(f.id());
    return out;
  }

  private static List<String> keys(ProductFeatures f) {
    var keys = new ArrayList<String>();
    f.categories().forEach(c -> keys.add("c:" + c));
    f.attributes().forEach(a -> keys.add("a:" + a));
    f.words().keySet().forEach(w -> keys.add("w:" + w));
    return keys;
  }

  /** Similarity in [0, 1]. */
  private double score(ProductFeatures a, ProductFeatures b) {
    double s = CATEGORY * jaccard(a.categories(), b.categories()) + ATTRIBUTES * jaccard(a.attributes(), b.attributes())
      + TEXT * cosine(a.words(), norms.get(a.id()), b.words(), norms.get(b.id()));
    if (s <= 0) {
      return 0;
    }
    if (!Double.isNaN(a.logPrice()) && !Double.isNaN(b.logPrice())) {
      // prices within a factor of 4 are somewhat alike, equal prices fully
      s += PRICE * Math.max(0, 1 - Math.abs(a.logPrice() - b.logPrice()) / Math.log(4));
    }
    return s;
  }

  private static double jaccard(Set<String> a, Set<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return 0;
    }
    int common = 0;
    for (String x : a) {
      if (b.contains(x)) {
        common++;
      }
    }
    return (double) common / (a.size() + b.size() - common);
  }

  private static double cosine(Map<String, Double> a, double normA, Map<String, Double> b, double normB) {
    if (a.isEmpty() || b.isEmpty()) {
      return 0;
    }
    double dot = 0;
    for (var e : a.entrySet()) {
      Double other = b.get(e.getKey());
      if (other != null) {
        dot += e.getValue() * other;
      }
    }
    return dot == 0 ? 0 : dot / (normA * normB);
  }

}
